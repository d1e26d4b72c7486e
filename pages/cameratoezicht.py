"""The page Cameratoezicht; what it says is in ivb.content.cameratoezicht."""

from ivb import ui

ui.show_page(__file__)
