"""The page Wijkprofiel; what it says is in ivb.content.wijkprofiel."""

from ivb.ui.page import show_page

show_page(__file__)
