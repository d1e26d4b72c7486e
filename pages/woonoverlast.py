"""The page Woonoverlast; what it says is in ivb.content.woonoverlast."""

from ivb import ui

ui.show_page(__file__)
