"""The pages of the dashboard, listed once: app.py routes them, the tests and benchmarks open them.

No streamlit here, so tests and benchmarks can read the list without running the app.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from ivb import gemeente


@dataclass(frozen=True)
class PageSpec:
    """One page: its file under pages/, the title in the navigation, its icon and the heading it shows ('{gemeente}'
    in it is the gemeente's name); ``report``: it has a PDF report (and is part of the whole dashboard's report);
    ``needs``: the group of the gemeente's own tables it shows (ivb.gemeente): without it the page is not listed."""

    file: str
    title: str
    icon: str
    heading_text: str
    default: bool = False
    report: bool = True
    needs: str = ""

    @property
    def heading(self) -> str:
        """The heading with the gemeente's name: 'Integraal Veiligheidsbeleid Zoetermeer'."""
        return self.heading_text.replace("{gemeente}", gemeente.name())

    @property
    def url_path(self) -> str:
        """The path in the address bar: '' for the start page, else the file name (Streamlit's rule)."""
        return "" if self.default else Path(self.file).stem

    def content(self):
        """The page's content function (``ivb.content.<file name>.content``), imported when first asked for."""
        return importlib.import_module(f"ivb.content.{Path(self.file).stem}").content


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/overzicht.py", "Overzicht", ":material/home:", "Integraal Veiligheidsbeleid {gemeente}", default=True),
    PageSpec("pages/wijkprofiel.py", "Wijkprofiel", ":material/map:", "Wijkprofiel", needs=gemeente.WIJKEN),
    PageSpec("pages/criminaliteit.py", "Criminaliteit", ":material/local_police:", "Criminaliteit"),
    PageSpec("pages/veiligheidsbeleving.py", "Veiligheidsbeleving", ":material/sentiment_satisfied:", "Veiligheidsbeleving",
             needs=gemeente.DOCUMENTS),
    PageSpec("pages/woonoverlast.py", "Woonoverlast", ":material/holiday_village:", "Woonoverlast", needs=gemeente.DOCUMENTS),
    PageSpec("pages/cameratoezicht.py", "Cameratoezicht", ":material/videocam:", "Cameratoezicht", needs=gemeente.DOCUMENTS),
    PageSpec("pages/zorg_jeugd.py", "Zorg, jeugd en extremisme", ":material/handshake:", "Zorg, jeugd en extremisme",
             needs=gemeente.DOCUMENTS),
    PageSpec("pages/ondermijning.py", "Ondermijning", ":material/search:", "Ondermijning", needs=gemeente.DOCUMENTS),
    PageSpec("pages/handhaving_jaarwisseling.py", "Handhaving en jaarwisseling", ":material/celebration:",
             "Handhaving en jaarwisseling", needs=gemeente.DOCUMENTS),
    PageSpec("pages/beleid_financien.py", "Beleid en financiën", ":material/account_balance:", "Beleid en financiën",
             needs=gemeente.DOCUMENTS),
    PageSpec("pages/beleidsketen.py", "Beleidsketen", ":material/account_tree:", "Beleidsketen: van doel tot geld",
             needs=gemeente.DOCUMENTS),
    PageSpec("pages/data_bronnen.py", "Data en bronnen", ":material/database:", "Data en bronnen"),
    PageSpec("pages/gegevensstatus.py", "Gegevensstatus", ":material/fact_check:", "Gegevensstatus: hoe ver de cijfers reiken"),
    PageSpec("pages/begrippenlijst.py", "Begrippenlijst", ":material/menu_book:", "Begrippenlijst", report=False),
    PageSpec("pages/colofon.py", "Colofon", ":material/info:", "Colofon", report=False),
    # A soft hyphen: on a phone the long word breaks as "Toegankelijkheids-" / "verklaring", never mid-word without one.
    PageSpec("pages/toegankelijkheid.py", "Toegankelijkheid", ":material/accessibility:", "Toegankelijkheids\u00adverklaring",
             report=False),
)
PAGES_BY_NAME = {Path(p.file).stem: p for p in PAGES}


def pages() -> tuple[PageSpec, ...]:
    """The pages of this process's gemeente: those whose tables it has."""
    return tuple(p for p in PAGES if gemeente.has(p.needs))


def report_pages() -> tuple[PageSpec, ...]:
    """The pages of the whole dashboard's report, for this gemeente."""
    return tuple(p for p in pages() if p.report)


def page_spec(file: str) -> PageSpec:
    """The entry of the page whose file is ``file`` (a page passes its own ``__file__``)."""
    return PAGES_BY_NAME[Path(file).stem]


# Topics (onderwerp, ivb.config.TOPICS) shown on a page of another name.
_TOPIC_PAGES = {"beleid": "beleid_financien", "financien": "beleid_financien"}


def topic_page(onderwerp: str) -> PageSpec | None:
    """The page that shows the figures of topic ``onderwerp`` ('criminaliteit' -> Criminaliteit), if there is one."""
    return PAGES_BY_NAME.get(_TOPIC_PAGES.get(onderwerp, onderwerp))
