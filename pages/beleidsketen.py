"""The page Beleidsketen; what it says is in ivb.content.beleidsketen."""

from ivb import ui

ui.show_page(__file__)
