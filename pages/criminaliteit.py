"""The page Criminaliteit; what it says is in ivb.content.criminaliteit."""

from ivb.ui.page import show_page

show_page(__file__)
