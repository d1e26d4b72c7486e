"""The camera-surveillance map: pydeck points on the Dutch government's BRT-Achtergrondkaart.

The basemap is PDOK's public raster tile service, so no commercial tile provider and no
access token. A plain background layer sits under the tiles and every point carries a
text label, so the locations stay readable when the tiles cannot load.
"""

from __future__ import annotations

import pandas as pd
import pydeck as pdk

from ivb import formatting

PDOK_TILES = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
ATTRIBUTION = "Kaartgegevens © Kadaster (PDOK, BRT-Achtergrondkaart)"
STYLE_URL = "app/static/brt-achtergrondkaart.json"  # written from BASEMAP_STYLE, see tests/test_maps.py
CENTER = {"latitude": 52.13, "longitude": 5.29}  # the Netherlands: only a map without locations, never drawn

BASEMAP_STYLE = {
    "version": 8,
    "sources": {
        "brt": {"type": "raster", "tiles": [PDOK_TILES], "tileSize": 256, "maxzoom": 19, "attribution": ATTRIBUTION},
    },
    "layers": [
        {"id": "achtergrond", "type": "background", "paint": {"background-color": "#EEF2F7"}},
        {"id": "brt", "type": "raster", "source": "brt"},
    ],
}


def map_points(locations: pd.DataFrame) -> pd.DataFrame:
    """The rows the map draws, with the tooltip text prepared in Dutch."""
    points = locations[["locatie_id", "naam", "wijk", "type", "jaar_van", "jaar_tot", "lat", "lon", "coordinaten"]].copy()
    points["periode"] = points["jaar_van"].astype(str) + "-" + points["jaar_tot"].astype(str)
    points["wijk_tekst"] = points["wijk"].where(points["wijk"] != "", "niet vastgesteld")
    points["positie"] = [f"{formatting.number(a, 4)}, {formatting.number(o, 4)} ({c})"
                         for a, o, c in zip(points["lat"], points["lon"], points["coordinaten"])]
    return points


def camera_map(locations: pd.DataFrame) -> pdk.Deck:
    """Points with labels for every camera location, on the BRT-Achtergrondkaart."""
    points = map_points(locations)
    dots = pdk.Layer(
        "ScatterplotLayer", points, id="camera-locaties", get_position=["lon", "lat"],
        get_radius=9, radius_units="'pixels'",  # quoted: pydeck reads bare strings as accessors
        get_fill_color=[0, 114, 178, 230],
        stroked=True, get_line_color=[255, 255, 255], line_width_min_pixels=2, pickable=True,
    )
    labels = pdk.Layer(
        "TextLayer", points, id="camera-namen", get_position=["lon", "lat"], get_text="naam", get_size=14,
        get_color=[26, 26, 26], get_pixel_offset=[0, -20], background=True, get_background_color=[255, 255, 255, 230],
        background_padding=[4, 2], font_family="'Source Sans Pro, sans-serif'", font_weight=600,
    )
    # Centred on the locations, at a zoom where their spread (a few km) fits a 390 px phone as well as a desk.
    middle = {"latitude": (points["lat"].min() + points["lat"].max()) / 2,
              "longitude": (points["lon"].min() + points["lon"].max()) / 2} if not points.empty else CENTER
    view = pdk.ViewState(**middle, zoom=11.8, min_zoom=10, max_zoom=18)
    tooltip = {"text": "{naam}\nWijk: {wijk_tekst}\nType: {type}, {periode}\nPositie: {positie}"}
    # Streamlit's map takes a style URL, not a style object: the style is served from static/.
    return pdk.Deck(layers=[dots, labels], initial_view_state=view, map_provider="mapbox", map_style=STYLE_URL,
                    tooltip=tooltip)
