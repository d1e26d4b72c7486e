"""The page Data en bronnen; what it says is in ivb.content.data_bronnen."""

from ivb.ui.page import show_page

show_page(__file__)
