"""The page Begrippenlijst; what it says is in ivb.content.begrippenlijst."""

from ivb import ui

ui.show_page(__file__)
