"""The page Data en bronnen; what it says is in ivb.content.data_bronnen."""

from ivb import ui

ui.show_page(__file__)
