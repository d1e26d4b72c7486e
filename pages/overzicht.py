"""The page Overzicht; what it says is in ivb.content.overzicht."""

from ivb import ui

ui.show_page(__file__)
