"""The page Beleid en financiën; what it says is in ivb.content.beleid_financien."""

from ivb.ui.page import show_page

show_page(__file__)
