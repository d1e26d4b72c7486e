"""The page Ondermijning; what it says is in ivb.content.ondermijning."""

from ivb.ui.page import show_page

show_page(__file__)
