"""A chart as an image to take away (PNG or SVG) or to print (the report's SVG), drawn on the server
by vl-convert without a browser.

The image of a download carries what the chart means off the page: its title, the filter and
"Bron: ..." inside the picture. Numbers keep the Dutch format: the locale is in the spec's config.
No streamlit here.
"""

from __future__ import annotations

import copy

import vl_convert

from ivb.markup import unmark

# The width of a chart drawn off the screen, where "container" has no container: about an A4 text width.
WIDTH = 680
# The fonts that both vl-convert (which measures the text) and WeasyPrint (which sets it in the PDF) find
# on a Debian machine; the same font on both sides keeps labels from overlapping.
FONT = "Liberation Sans, DejaVu Sans, Arial, sans-serif"
_TOP_LEVEL = ("$schema", "config", "datasets", "params", "autosize", "background", "padding", "usermeta")  # params: a template's


def fixed(spec: dict, width: int = WIDTH) -> dict:
    """A copy of ``spec`` that draws without a browser: a fixed width wherever it says "container", and our fonts."""
    drawn = copy.deepcopy(spec)

    def fix(node, skip=()):
        if isinstance(node, dict):
            if node.get("width") == "container":
                node["width"] = width
            for key, value in node.items():
                if key not in skip:
                    fix(value)
        elif isinstance(node, list):
            for value in node:
                fix(value)

    fix(drawn, skip=("datasets", "config"))  # the rows of the data are never a layout
    config = drawn.setdefault("config", {})
    config["font"] = FONT
    return drawn


def framed(spec: dict, title: str, subtitle: str, source: str, width: int = WIDTH) -> dict:
    """``spec`` with its title and the filter above it and "Bron: ..." under it, as one picture."""
    drawn = fixed(spec, width)
    outer = {k: drawn.pop(k) for k in _TOP_LEVEL if k in drawn}
    drawn["title"] = {"text": f"Bron: {unmark(source)}" if source else "", "orient": "bottom", "anchor": "start",
                      "fontSize": 11, "fontWeight": "normal", "color": "#444444", "limit": width, "offset": 12}
    outer["title"] = {"text": unmark(title), "subtitle": unmark(subtitle), "anchor": "start", "fontSize": 16,
                      "subtitleFontSize": 12, "subtitleColor": "#444444", "limit": width, "offset": 12}
    outer["vconcat"] = [drawn]
    outer.setdefault("background", "white")
    outer["padding"] = 12
    return outer


def png(spec: dict) -> bytes:
    """The chart as a PNG at twice the screen's resolution (sharp on a slide or in a document)."""
    return vl_convert.vegalite_to_png(spec, scale=2, allowed_base_urls=[])


def svg(spec: dict) -> str:
    """The chart as SVG: vector, with its text as text."""
    return vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])


def report_svg(spec: dict) -> str:
    """The chart as the report prints it (fixed width, no frame: title and source are the report's own text)."""
    return svg(fixed(spec))
