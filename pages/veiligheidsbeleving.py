"""The page Veiligheidsbeleving; what it says is in ivb.content.veiligheidsbeleving."""

from ivb import ui

ui.show_page(__file__)
