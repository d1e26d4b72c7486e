"""The page Colofon; what it says is in ivb.content.colofon."""

from ivb import ui

ui.show_page(__file__)
