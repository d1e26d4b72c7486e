"""The blocks of a page as HTML for the PDF report: headings, text, charts as SVG with their table and source,
tables with the screen's Dutch formats, tiles, notes; and the report's print styles.

Every text goes through :func:`ivb.markup.to_html` (our Markdown: escaped, bold and links as tags) or
``html.escape``: nothing from a file or a link reaches the HTML as markup. No streamlit here.
"""

from __future__ import annotations

import base64
import html

import pandas as pd

from ivb import blocks as b
from ivb import gemeente
from ivb.filters import Filters
from ivb.markup import to_html, unmark
from ivb.views import images, specs, tables
from ivb.wording import NO_FIGURES


def title() -> str:
    """The report's title: 'IVB-dashboard Zoetermeer' (the gemeente of this process)."""
    return f"IVB-dashboard {gemeente.name()}"


def table_html(frame: pd.DataFrame, caption: str | None = None) -> str:
    """A display table with the screen's Dutch formats, every cell escaped, figures aligned right."""
    if frame.empty:
        return ""
    cells = tables.formatted(frame)
    numeric = [tables.is_figure(frame, c) for c in frame.columns]
    head = "".join(f'<th scope="col"{" class=num" if n else ""}>{html.escape(str(c))}</th>'
                   for c, n in zip(cells.columns, numeric))
    rows = "".join("<tr>" + "".join(f'<td{" class=num" if n else ""}>{html.escape(v)}</td>' for v, n in zip(row, numeric))
                   + "</tr>" for row in cells.itertuples(index=False))
    caption_html = f"<caption>{to_html(caption)}</caption>" if caption else ""
    return f'<table class="data">{caption_html}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _svg_img(spec: dict, alt: str) -> str:
    svg = images.report_svg(spec)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="chart" src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt, quote=True)}">'


def _source(text: str) -> str:
    return f'<p class="source">Bron: {html.escape(unmark(text))}</p>' if text else ""


def _heading(text: str, level: int) -> str:
    level = min(max(level, 2), 4)
    return f"<h{level}>{to_html(text)}</h{level}>"


def _chart(block: b.Chart, f: Filters, depth: int) -> str:
    head = _heading(block.heading(f), depth) + (f'<p class="lead">{to_html(block.lead)}</p>' if block.lead else "")
    spec = specs.spec_of(block)
    if spec is None:
        return f'{head}<p class="notice">{NO_FIGURES}</p>'
    figure = f"<figure>{_svg_img(spec, block.alt_text)}<figcaption>{to_html(block.toelichting)}</figcaption></figure>"
    # The source line is right above the table, so its 'Bron' column (long text in a narrow cell) is left out here.
    table = specs.table_of(block).drop(columns=["Bron"], errors="ignore")
    return (f'<div class="keep">{head}{figure}</div>{_source(block.source_text)}'
            f'{table_html(table, f"Tabel bij de grafiek: {block.heading(f)}")}')


def _data_table(block: b.Table, f: Filters, depth: int) -> str:
    parts = []
    title = block.heading(f)
    if title:
        parts.append(_heading(title, depth + block.level - 2))
    if block.note:
        parts.append(f'<p class="caption">{to_html(block.note)}</p>')
    parts.append(table_html(block.frame) if not block.frame.empty else f'<p class="notice">{to_html(block.empty)}</p>')
    parts.append(_source(block.source or ""))
    return "".join(parts)


def _verdicts(block: b.Verdicts) -> str:
    frame = block.verdicts
    shown = tables.verdict_table(frame).assign(Bron=frame["bron"])
    notes = "".join(f"<li>{html.escape(block.notes[i])}</li>" for i in frame["indicator_id"] if i in block.notes)
    return table_html(shown) + (f'<ul class="notes">{notes}</ul>' if notes else "")


def _notes(block: b.Notes, depth: int) -> str:
    items = "".join(f"<li>{html.escape(n.omschrijving)} <strong>Keuze:</strong> {html.escape(n.keuze)}</li>"
                    for n in block.notes.itertuples())
    return f"{_heading('Kanttekeningen bij de bronnen', depth + 1)}<ul>{items}</ul>"


def block_html(block: b.Block, f: Filters, depth: int) -> str:
    """One block as HTML; ``depth`` is the heading level of a section of this page (2 in a page's report)."""
    match block:
        case b.Heading():
            return _heading(block.text, depth + block.level - 2)
        case b.Text():
            return f'<p class="{block.kind}">{to_html(block.text)}</p>'
        case b.Notice():
            prefix = "Let op: " if block.kind == "warning" else ""
            return f'<p class="notice {block.kind}">{prefix}{to_html(block.text)}</p>'
        case b.Bullets() if block.numbers:
            return "<ol>" + "".join(f'<li value="{n}">{to_html(i)}</li>' for n, i in zip(block.numbers, block.items)) + "</ol>"
        case b.Bullets():
            return "<ul>" + "".join(f"<li>{to_html(i)}</li>" for i in block.items) + "</ul>"
        case b.Chart():
            return _chart(block, f, depth)
        case b.Table():
            return _data_table(block, f, depth)
        case b.Notes():
            return _notes(block, depth)
        case b.Verdicts():
            return _verdicts(block)
        case b.Metrics():
            return table_html(pd.DataFrame({"Kenmerk": [m.label for m in block.items],
                                             "Waarde": [m.value for m in block.items],
                                             "Ter vergelijking": [m.help for m in block.items]}))
        case b.WijkMap():
            return (f"<figure>{_svg_img(block.spec, block.alt)}<figcaption>{html.escape(block.title)}</figcaption></figure>"
                    + table_html(block.table) + (f'<p class="caption">{to_html(block.note)}</p>' if block.note else "")
                    + _source(block.source))
        case b.CameraMap():
            return ('<p class="caption">De kaart met de locaties staat in het dashboard; de locaties en hun (benaderde) '
                    "coördinaten staan in de tabel hieronder.</p>")
        case b.WholeTable():
            return (f'<p class="whole"><strong>{html.escape(block.title)}</strong> ({block.size}): '
                    f"{html.escape(block.description)}</p>")
    raise TypeError(f"geen rapportweergave voor {type(block).__name__}")



def css() -> str:
    """The report's style sheet, with the title in the footer of every page (a CSS string: quotes, backslashes and
    '<' escaped, so a name cannot end the string or the style element)."""
    quoted = title().replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return f'@page {{ @bottom-left {{ content: "{quoted}"; font-size: 8pt; color: #555; }} }}\n' + CSS


CSS = f"""
@page {{
  size: A4; margin: 18mm 16mm 20mm 16mm;
  @bottom-right {{ content: "Pagina " counter(page) " van " counter(pages); font-size: 8pt; color: #555; }}
}}
html {{ font-family: {images.FONT}; font-size: 10pt; color: #1a1a1a; line-height: 1.35; }}
h1 {{ font-size: 20pt; color: #1f4e8c; margin: 0 0 6pt; }}
section.page > h1 {{ break-before: page; }}
h2 {{ font-size: 14pt; margin: 16pt 0 4pt; break-after: avoid; }}
h3 {{ font-size: 11.5pt; margin: 12pt 0 3pt; break-after: avoid; }}
h4 {{ font-size: 10.5pt; margin: 10pt 0 2pt; break-after: avoid; }}
p {{ margin: 3pt 0; }}
p.caption, p.source, figcaption {{ font-size: 8.5pt; color: #444; }}
p.lead {{ font-size: 10.5pt; }}
p.notice {{ border-left: 3pt solid #1f4e8c; padding: 3pt 6pt; background: #eef2f7; }}
p.notice.warning {{ border-left-color: #b35900; background: #fff4e5; }}
figure {{ margin: 4pt 0; break-inside: avoid; }}
img.chart {{ width: 100%; max-width: 100%; }}
table.data {{ border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 8pt; break-inside: auto; }}
table.data caption {{ text-align: left; font-size: 8pt; color: #444; padding-bottom: 2pt; }}
table.data th {{ text-align: left; border-bottom: 1pt solid #1a1a1a; padding: 2pt 4pt; vertical-align: bottom; }}
table.data td {{ border-bottom: 0.5pt solid #ccc; padding: 2pt 4pt; vertical-align: top; }}
table.data tr {{ break-inside: avoid; }}
.num {{ text-align: right; }}
header.cover {{ border-bottom: 2pt solid #1f4e8c; padding-bottom: 8pt; margin-bottom: 8pt; }}
header.cover p.org {{ font-size: 9pt; color: #555; margin: 0 0 4pt; }}
dl {{ display: grid; grid-template-columns: 38mm 1fr; row-gap: 2pt; margin: 6pt 0 0; font-size: 9pt; }}
dt {{ font-weight: bold; margin: 0; }}
dd {{ margin: 0; }}
div.keep {{ break-inside: avoid; }}
nav.contents ol {{ font-size: 10pt; }}
nav.contents a {{ color: #1a1a1a; text-decoration: none; }}
nav.contents a::after {{ content: leader('.') target-counter(attr(href), page); }}
section.sources {{ break-before: page; }}
a {{ color: #1f4e8c; }}
"""
