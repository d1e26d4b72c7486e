"""The page Overzicht; what it says is in ivb.content.overzicht."""

from ivb.ui.page import show_page

show_page(__file__)
