"""The page Ondermijning; what it says is in ivb.content.ondermijning."""

from ivb import ui

ui.show_page(__file__)
