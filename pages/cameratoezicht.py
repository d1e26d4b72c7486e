"""The page Cameratoezicht; what it says is in ivb.content.cameratoezicht."""

from ivb.ui.page import show_page

show_page(__file__)
