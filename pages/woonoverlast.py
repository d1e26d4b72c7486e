"""The page Woonoverlast; what it says is in ivb.content.woonoverlast."""

from ivb.ui.page import show_page

show_page(__file__)
