"""The pages of the dashboard, listed once: app.py routes them, the tests and benchmarks open them.

No streamlit here, so tests and benchmarks can read the list without running the app.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PageSpec:
    """One page: its file under pages/, the title in the navigation, its icon and the heading it shows;
    ``report``: it has a PDF report (and is part of the whole dashboard's report)."""

    file: str
    title: str
    icon: str
    heading: str
    default: bool = False
    report: bool = True

    @property
    def url_path(self) -> str:
        """The path in the address bar: '' for the start page, else the file name (Streamlit's rule)."""
        return "" if self.default else Path(self.file).stem

    def content(self):
        """The page's content function (``ivb.content.<file name>.content``), imported when first asked for."""
        return importlib.import_module(f"ivb.content.{Path(self.file).stem}").content


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overzicht.py", "Overzicht", ":material/home:", "Integraal Veiligheidsbeleid Zoetermeer", default=True),
    PageSpec("pages/wijkprofiel.py", "Wijkprofiel", ":material/map:", "Wijkprofiel"),
    PageSpec("pages/criminaliteit.py", "Criminaliteit", ":material/local_police:", "Criminaliteit"),
    PageSpec("pages/veiligheidsbeleving.py", "Veiligheidsbeleving", ":material/sentiment_satisfied:", "Veiligheidsbeleving"),
    PageSpec("pages/woonoverlast.py", "Woonoverlast", ":material/holiday_village:", "Woonoverlast"),
    PageSpec("pages/cameratoezicht.py", "Cameratoezicht", ":material/videocam:", "Cameratoezicht"),
    PageSpec("pages/zorg_jeugd.py", "Zorg, jeugd en extremisme", ":material/handshake:", "Zorg, jeugd en extremisme"),
    PageSpec("pages/ondermijning.py", "Ondermijning", ":material/search:", "Ondermijning"),
    PageSpec("pages/handhaving_jaarwisseling.py", "Handhaving en jaarwisseling", ":material/celebration:",
             "Handhaving en jaarwisseling"),
    PageSpec("pages/beleid_financien.py", "Beleid en financiën", ":material/account_balance:", "Beleid en financiën"),
    PageSpec("pages/beleidsketen.py", "Beleidsketen", ":material/account_tree:", "Beleidsketen: van doel tot geld"),
    PageSpec("pages/data_bronnen.py", "Data en bronnen", ":material/database:", "Data en bronnen"),
    PageSpec("pages/gegevensstatus.py", "Gegevensstatus", ":material/fact_check:", "Gegevensstatus: hoe ver de cijfers reiken"),
    PageSpec("pages/begrippenlijst.py", "Begrippenlijst", ":material/menu_book:", "Begrippenlijst", report=False),
    PageSpec("pages/colofon.py", "Colofon", ":material/info:", "Colofon", report=False),
    # A soft hyphen: on a phone the long word breaks as "Toegankelijkheids-" / "verklaring", never mid-word without one.
    PageSpec("pages/toegankelijkheid.py", "Toegankelijkheid", ":material/accessibility:", "Toegankelijkheids\u00adverklaring",
             report=False),
)
REPORT_PAGES = tuple(p for p in PAGES if p.report)
PAGES_BY_NAME = {Path(p.file).stem: p for p in PAGES}


def page_spec(file: str) -> PageSpec:
    """The entry of the page whose file is ``file`` (a page passes its own ``__file__``)."""
    return PAGES_BY_NAME[Path(file).stem]


# Topics (onderwerp, ivb.config.TOPICS) shown on a page of another name.
_TOPIC_PAGES = {"beleid": "beleid_financien", "financien": "beleid_financien"}


def topic_page(onderwerp: str) -> PageSpec | None:
    """The page that shows the figures of topic ``onderwerp`` ('criminaliteit' -> Criminaliteit), if there is one."""
    return PAGES_BY_NAME.get(_TOPIC_PAGES.get(onderwerp, onderwerp))
