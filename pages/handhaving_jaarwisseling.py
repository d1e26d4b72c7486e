"""The page Handhaving en jaarwisseling; what it says is in ivb.content.handhaving_jaarwisseling."""

from ivb import ui

ui.show_page(__file__)
