"""The page Veiligheidsbeleving; what it says is in ivb.content.veiligheidsbeleving."""

from ivb.ui.page import show_page

show_page(__file__)
