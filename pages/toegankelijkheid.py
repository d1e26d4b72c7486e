"""The page Toegankelijkheid; what it says is in ivb.content.toegankelijkheid."""

from ivb import ui

ui.show_page(__file__)
