"""Text from a file or a URL made safe for Streamlit's Markdown."""

from __future__ import annotations

import re


def plain(text: object) -> str:
    """``text`` with Markdown syntax escaped, for text that comes from a file or a URL."""
    # Inline syntax only: emphasis, code, links/images, HTML-looking tags, tables, math.
    return re.sub(r"([\\`*_\[\]<>#|~$])", r"\\\1", str(text))


GENERIC_ERROR = ("Dit onderdeel kan nu niet worden getoond door een fout in het dashboard. De fout is vastgelegd "
                 "voor de beheerder; de rest van de pagina werkt gewoon.")
