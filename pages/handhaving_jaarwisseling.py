"""The page Handhaving en jaarwisseling; what it says is in ivb.content.handhaving_jaarwisseling."""

from ivb.ui.page import show_page

show_page(__file__)
