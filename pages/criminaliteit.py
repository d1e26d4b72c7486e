"""The page Criminaliteit; what it says is in ivb.content.criminaliteit."""

from ivb import ui

ui.show_page(__file__)
