"""The page Begrippenlijst; what it says is in ivb.content.begrippenlijst."""

from ivb.ui.page import show_page

show_page(__file__)
