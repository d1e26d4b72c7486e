"""The page Toegankelijkheid; what it says is in ivb.content.toegankelijkheid."""

from ivb.ui.page import show_page

show_page(__file__)
