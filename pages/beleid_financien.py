"""The page Beleid en financiën; what it says is in ivb.content.beleid_financien."""

from ivb import ui

ui.show_page(__file__)
