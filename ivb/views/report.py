"""The PDF report of one page or of the whole dashboard, for the current filter, made on the server.

The report records the same page content as the screen (ivb.recording) and writes the blocks as HTML
(ivb.views.report_html): headings, text, each chart as an SVG (vector, its text as text) with its title,
toelichting, source line and table, the notes on the sources. WeasyPrint sets that HTML on A4 with page numbers as
a tagged PDF (PDF/UA-1): headings, lists, tables and figures with their alt text are in the structure a screen
reader follows (docs/REPORT.md says how far that gets). No streamlit here: this runs when the download button is
clicked, outside a page run.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import threading
from collections.abc import Iterable
from typing import Any

from ivb import blocks as b
from ivb import config, gemeente, recording
from ivb.filters import Filters
from ivb.markup import unmark
from ivb.queries import provenance
from ivb.recording import Asked, Failure, Recording
from ivb.site import PageSpec
from ivb.views import report_html
from ivb.views.cite import dutch_date, newest_source, updated
from ivb.views.report_html import block_html
from ivb.wording import source_line

log = logging.getLogger(__name__)

FAILED = "Dit onderdeel kon niet in het rapport worden opgenomen door een fout in het dashboard; de fout is vastgelegd."


def record(page: PageSpec, f: Filters, choices: dict[str, Any]) -> Recording:
    """The recording of ``page`` for the filter ``f`` and the reader's ``choices`` (ivb.recording, as the screen)."""
    return recording.record(page.content(), f, choices.get)


def _sources_of(blocks: Iterable[b.Block]) -> list[str]:
    """Every source the blocks name, once, in the order they first appear."""
    found: dict[str, None] = {}
    for block in blocks:
        texts: list[str] = []
        if isinstance(block, b.Chart):
            texts = [block.source_text]
        elif isinstance(block, b.Table):
            texts = [block.source or "", source_line(block.download.data) if block.download else ""]
        elif isinstance(block, b.WijkMap):
            texts = [block.source]
        elif isinstance(block, b.Verdicts):
            texts = [*block.verdicts["bron_realisatie"], *block.verdicts["bron_begroting"]]
        elif isinstance(block, b.Notes):
            texts = [f"{n.bron}, {n.vindplaats}" for n in block.notes.itertuples()]
        for text in texts:
            if isinstance(text, str) and text:
                found.setdefault(unmark(text), None)
    return list(found)


def _section(page: PageSpec, f: Filters, choices: dict[str, Any], whole: bool) -> tuple[str, list[b.Block], bool]:
    """One page of the report as HTML, its blocks (for the list of sources) and whether every part could be made.
    A part or block that cannot be made becomes a notice, so one fault never costs the reader the whole report."""
    recorded = record(page, f, choices)
    parts, complete = [], not recorded.failed
    for step in recorded.steps:
        if isinstance(step, Asked) or getattr(step, "screen_only", False):  # "kies een wijk op de kaart": not on paper
            continue
        block = b.Notice(step.message or FAILED, "warning") if isinstance(step, Failure) else step
        try:
            parts.append(block_html(block, f, 2))
        except Exception:
            log.exception("rapport: blok %s niet te schrijven", type(block).__name__)
            parts.append(block_html(b.Notice(FAILED, "warning"), f, 2))
            complete = False
    anchor = html.escape(page.url_path or "overzicht")
    heading = f'<h1 id="{anchor}">{html.escape(page.heading)}</h1>' if whole else ""
    return f'<section class="page">{heading}{"".join(parts)}</section>', recorded.blocks, complete


def _attribution(sources: list[str]) -> str:
    """The licence sentence of the open data, when the report uses them, in the publishers' own words."""
    if not any("CBS" in s or "CC BY" in s for s in sources):
        return ""
    try:
        credits = " ".join(dict.fromkeys(provenance.open_data_sources()["bronvermelding"]))
    except Exception:  # the list of sources stands without it
        log.exception("rapport: bronvermelding van de open data niet te lezen")
        return ""
    return f'<p class="caption">Open data (CC BY 4.0). {html.escape(credits)}</p>'


def html_report(pages: Iterable[PageSpec], f: Filters, choices: dict[str, Any], link: str,
                today: dt.date) -> tuple[str, bool]:
    """The report as one HTML document (a cover, a contents list for the whole dashboard, a section per page, the
    sources), and whether every part of it could be made."""
    pages = tuple(pages)
    whole = len(pages) > 1
    title = report_html.title() if whole else pages[0].heading
    sections, used, complete = [], [], True
    for page in pages:
        section, blocks, made = _section(page, f, choices, whole)
        sections.append(section)
        used.extend(blocks)
        complete = complete and made
    contents = ""
    if whole:
        items = "".join(f'<li><a href="#{html.escape(p.url_path or "overzicht")}">{html.escape(p.heading)}</a></li>'
                        for p in pages)
        contents = f'<nav class="contents"><h2>Inhoud</h2><ol>{items}</ol></nav>'
    facts = [("Selectie", html.escape(f.describe())), ("Gemaakt op", dutch_date(today)), ("Gegevens bijgewerkt", updated()),
             ("Nieuwste bron opgehaald", newest_source())]
    if link:
        facts.append(("Online", f'<a href="{html.escape(link, quote=True)}">{html.escape(link)}</a>'))
    meta = "<dl>" + "".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in facts) + "</dl>"
    city = html.escape(gemeente.name())
    cover = (f'<header class="cover"><p class="org">Gemeente {city} · Integraal Veiligheidsbeleid</p>'
             f"<h1>{html.escape(title)}</h1>{meta}</header>")
    sources = _sources_of(used)
    closing = ('<section class="sources"><h2>Bronnen</h2><ul>' + "".join(f"<li>{html.escape(s)}</li>" for s in sources)
               + "</ul>" + _attribution(sources) + '<p class="caption">Er is niets geschat of geïnterpoleerd: een jaar zonder '
               "cijfer blijft leeg. Afgeleide, benaderde en voorlopige cijfers staan zo in de tabellen.</p></section>")
    document = (f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{html.escape(title)} · IVB '
                f'{city}</title><meta name="author" content="Gemeente {city}"><meta name="description" '
                f'content="{html.escape(f.describe(), quote=True)}"><style>{report_html.css()}</style></head><body>'
                f'{cover}{contents}{"".join(sections)}{closing}</body></html>')
    return document, complete


# One report is set at a time: WeasyPrint takes a core for seconds, and the page runs of other readers come first.
_setting = threading.Semaphore(1)


def pdf(pages: Iterable[PageSpec], f: Filters, choices: dict[str, Any], link: str = "",
        today: dt.date | None = None) -> bytes:
    """The PDF report (A4, tagged PDF/UA-1) of ``pages`` for the filter ``f``."""
    pages, today = tuple(pages), today or dt.date.today()
    from weasyprint import HTML  # imported on the first report: it loads Pango, which a page run never needs

    with _setting:
        document, _complete = html_report(pages, f, choices, link, today)
        return HTML(string=document, base_url=str(config.PROJECT_ROOT)).write_pdf(pdf_variant="pdf/ua-1")


