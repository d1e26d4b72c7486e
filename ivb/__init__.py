"""IVB-dashboard: indicators of the Integraal Veiligheidsbeleid of a Dutch gemeente (ivb.gemeente: which one).

The package holds everything but the page layout: the curated sources and their
validation (`build`), data access (`db`), domain logic (`indicators`), Dutch
formatting (`formatting`) and the small Streamlit helpers the pages share (`ui`).
"""

__version__ = "0.1.0"
