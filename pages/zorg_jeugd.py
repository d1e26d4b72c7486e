"""The page Zorg, jeugd en extremisme; what it says is in ivb.content.zorg_jeugd."""

from ivb import ui

ui.show_page(__file__)
