"""What pages place on the screen: the filters and navigation, the page chrome, and each block of a page's
content drawn with Streamlit. Pages call :func:`show_page`; app.py the rest."""

from ivb.ui.chrome import footer, page_chrome, page_icon
from ivb.ui.filters import ensure_navigation, filters, mark_navigation, sidebar_filters
from ivb.ui.screen import Screen, one_build, show_page
from ivb.ui.text import plain

__all__ = ["Screen", "ensure_navigation", "filters", "footer", "mark_navigation", "one_build", "page_chrome", "page_icon",
           "plain", "show_page", "sidebar_filters"]
