"""The page Colofon; what it says is in ivb.content.colofon."""

from ivb.ui.page import show_page

show_page(__file__)
