"""The page Beleidsketen; what it says is in ivb.content.beleidsketen."""

from ivb.ui.page import show_page

show_page(__file__)
