"""The page Gegevensstatus; what it says is in ivb.content.gegevensstatus."""

from ivb import ui

ui.show_page(__file__)
