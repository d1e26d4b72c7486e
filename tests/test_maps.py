"""The camera map: PDOK basemap only, points that do not depend on the tiles."""

import json

from ivb import config
from ivb.queries import documents
from ivb.views import maps


def test_served_style_file_is_the_style_in_code():
    served = json.loads((config.PROJECT_ROOT / "static/brt-achtergrondkaart.json").read_text(encoding="utf-8"))
    assert served == maps.BASEMAP_STYLE
    tiles = [t for source in served["sources"].values() for t in source["tiles"]]
    assert tiles == [maps.PDOK_TILES] and tiles[0].startswith("https://service.pdok.nl/brt/achtergrondkaart/")
    assert served["layers"][0]["type"] == "background"  # readable when the tiles cannot load


def test_map_draws_every_location_with_a_label(invented):
    locations = documents.camera_locations(None)
    deck = json.loads(maps.camera_map(locations).to_json())
    assert deck["mapStyle"] == maps.STYLE_URL
    dots, labels = deck["layers"]
    assert len(dots["data"]) == len(labels["data"]) == len(locations) == 1
    assert dots["radiusUnits"] == "pixels"
    assert {d["naam"] for d in labels["data"]} == set(locations["naam"])
