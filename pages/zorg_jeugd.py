"""The page Zorg, jeugd en extremisme; what it says is in ivb.content.zorg_jeugd."""

from ivb.ui.page import show_page

show_page(__file__)
