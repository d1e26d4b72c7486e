"""The small Markdown the dashboard writes, made safe for each place it is shown.

Text the dashboard writes itself may use **bold** and links to public https addresses; any text from a file or a URL goes through
:func:`plain` first, which escapes every Markdown character in it. The same text reaches the
screen as Markdown (Streamlit renders it) and the PDF report as HTML (:func:`to_html`), where
every character is HTML-escaped and only the bold of our own text becomes a tag.
"""

from __future__ import annotations

import html
import re

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$:])")
# A list or heading marker at the start of a line ("- ", "+ ", "1. "), which Markdown would turn into structure.
_LINE_START = re.compile(r"^(\s*)(?:([-+])|(\d+)\.)(?=\s|$)", re.MULTILINE)
# An escape, a bold mark, or a link to a public address ([text](https://...)); the text of a link may hold escapes.
_TOKEN = re.compile(r"\\(.)|\*\*|\[((?:\\.|[^\]\\])*)\]\((https://[^\s()<>]+)\)")


def plain(text: object) -> str:
    """``text`` with Markdown syntax escaped, for text that comes from a file or a URL."""
    # Emphasis, code, links/images, HTML-looking tags, tables, math, Streamlit's :shortcodes:, and list markers.
    escaped = _SPECIAL.sub(r"\\\1", str(text))
    return _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\."), escaped)


def unmark(text: str) -> str:
    """The words of a Markdown text without its marks: for alt text, a tooltip or a search (a link keeps its words)."""
    return _TOKEN.sub(lambda m: m.group(1) or (unmark(m.group(2)) if m.group(3) else ""), text)


def to_html(text: str) -> str:
    """Our Markdown as HTML: every character escaped, ``**x**`` as <strong>, ``[x](https://...)`` as a link."""
    out, bold = [], False
    position = 0
    for match in _TOKEN.finditer(text):
        out.append(html.escape(text[position:match.start()]))
        if match.group(1) is not None:
            out.append(html.escape(match.group(1)))
        elif match.group(3) is not None:
            out.append(f'<a href="{html.escape(match.group(3), quote=True)}">{to_html(match.group(2))}</a>')
        else:
            out.append("</strong>" if bold else "<strong>")
            bold = not bold
        position = match.end()
    out.append(html.escape(text[position:]))
    if bold:
        out.append("</strong>")
    return "".join(out)
