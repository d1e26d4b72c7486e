"""The page Gegevensstatus; what it says is in ivb.content.gegevensstatus."""

from ivb.ui.page import show_page

show_page(__file__)
