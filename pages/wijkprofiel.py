"""The page Wijkprofiel; what it says is in ivb.content.wijkprofiel."""

from ivb import ui

ui.show_page(__file__)
