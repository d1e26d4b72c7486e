"""Text from a file or a URL made safe for Streamlit's Markdown, and the generic error message."""

from __future__ import annotations

from ivb.markup import plain

__all__ = ["GENERIC_ERROR", "plain"]

GENERIC_ERROR = ("Dit onderdeel kan nu niet worden getoond door een fout in het dashboard. De fout is vastgelegd "
                 "voor de beheerder; de rest van de pagina werkt gewoon.")
