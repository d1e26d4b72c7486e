"""A local stub of CBS's OData services and of PDOK's OGC API (127.0.0.1 only), for ``python -m ivb update``.

EVERY ANSWER IS INVENTED: the layout follows CBS's TypedDataSet JSON and PDOK's GeoJSON, the numbers, names and shapes
are made up. ``INVENTED_CBS`` holds the tables of two gemeenten of tests/fixtures.py: GM0637 (its wijk codes of the
fixture's 2025 indeling) and GM9001, "Gemeente Aa", an invented gemeente without wijken of its own yet, whose wijken
and buurten come from 85984NED and its boundaries from PDOK.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def _square(lon: float, lat: float, size: float = 0.02) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _circle(lon: float, lat: float, radius: float = 0.01, points: int = 400) -> dict:
    """An invented wijk as detailed as a real boundary: a ring of ``points`` points, for the simplification."""
    ring = [[round(lon + radius * math.cos(2 * math.pi * i / points), 7), round(lat + radius * math.sin(2 * math.pi * i / points), 7)]
            for i in range(points)]
    return {"type": "Polygon", "coordinates": [ring + ring[:1]]}


def _crime(region: str, count: int | None, kind: str = "0.0.0", year: int = 2024) -> dict:
    return {"SoortMisdrijf": f"{kind}  ", "WijkenEnBuurten": f"{region:<10}", "Perioden": f"{year}JJ00",
            "GeregistreerdeMisdrijven_1": count}


def _kwb(region: str, soort: str, people: int | None, homes: int | None = None) -> dict:
    return {"WijkenEnBuurten": f"{region:<10}", "Gemeentenaam_1": "verzonnen", "SoortRegio_2": f"{soort:<10}",
            "AantalInwoners_5": people, "Woningvoorraad_34": homes, "OppervlakteLand_112": 50 if homes else None,
            "Bevolkingsdichtheid_33": people // 50 if homes and people else None}


def populations(*later: tuple[str, int, int]) -> list[dict]:
    """70072ned: the populations tests/fixtures.py has (its rates must still fit), plus the invented ``later`` ones
    (code, year, inhabitants)."""
    known = [("GM0637", 2012, 100000), ("GM0637", 2024, 100000), ("GM9001", 2012, 200000), ("GM9001", 2024, 200000),
             ("GM9002", 2012, 50000), ("GM9002", 2024, 50000), ("GM9003", 2012, 80000), ("GM9003", 2024, 80000)]
    return [{"RegioS": code, "Perioden": f"{year}JJ00", "GemiddeldAantalInwoners_51": people}
            for code, year, people in sorted([*known, *later])]


INVENTED_CBS = {
    "47018NED/Perioden": [{"Key": "2024JJ00"}],
    "47018NED/TypedDataSet": [
        _crime("GM0637", 4321), _crime("WK063705", 123), _crime("BU06370501", 45),
        _crime("GM9001", 777), _crime("WK900100", 300), _crime("WK900101", 200), _crime("BU90010000", 120),
        _crime("BU90010101", None), _crime("GM9001", 12, "1.1.1"),
    ],
    "70072ned/TypedDataSet": populations(("GM9001", 2025, 201000)),
    "85984NED/TypedDataSet": [
        _kwb("WK063701", "Wijk", 5100, 2600),
        _kwb("GM9001", "Gemeente", 9000, 4000), _kwb("WK900100", "Wijk", 6000, 2700), _kwb("WK900101", "Wijk", 3000, 1300),
        _kwb("BU90010000", "Buurt", 6000), _kwb("BU90010100", "Buurt", 2990), _kwb("BU90010101", "Buurt", None),
    ],
    # The titles of the codes; the second wijk is named as its gemeente.
    "85984NED/WijkenEnBuurten": [
        {"Key": "GM9001    ", "Title": "Gemeente Aa"}, {"Key": "WK900100  ", "Title": "Wijk 00 Aa-Centrum"},
        {"Key": "WK900101  ", "Title": "Wijk 01 Gemeente Aa"}, {"Key": "BU90010000", "Title": "Verzonnen Markt"},
        {"Key": "BU90010100", "Title": "Verzonnen Dijk"}, {"Key": "BU90010101", "Title": "Verzonnen Polder"},
    ],
    "wijken/items": [
        {"type": "Feature", "properties": {"wijkcode": "WK900100", "wijknaam": "Aa-Centrum", "gemeentecode": "GM9001"},
         "geometry": _square(5.10, 52.10)},
        {"type": "Feature", "properties": {"wijkcode": "WK900101", "wijknaam": "Gemeente Aa", "gemeentecode": "GM9001"},
         "geometry": _circle(5.15, 52.11)},
    ],
}
# Where each table is published: the police's 47018NED on dataderden, the other two on opendata, the map at PDOK.
HOSTS = {"47018NED": "dataderden", "70072ned": "opendata", "85984NED": "opendata", "wijken": "pdok"}


def _selected(row: dict, query: str) -> bool:
    """Whether a row passes the request's $filter: ``startswith`` on the padded key, as CBS does (``eq`` on an
    unpadded region code matches nothing there, so the stub does not support it either)."""
    key = row.get("WijkenEnBuurten", row.get("RegioS", row.get("Key", "")))
    starts = re.findall(r"startswith\((?:WijkenEnBuurten|RegioS|Key),'([A-Z0-9]+)'\)", query)
    period = re.search(r"Perioden eq '(\w+)'", query)
    return any(key.startswith(s) for s in starts) and (period is None or row.get("Perioden") == period.group(1))


class Stub(BaseHTTPRequestHandler):
    answers = INVENTED_CBS  # the tables it serves (a test may serve its own invented ones)
    fail = ""  # the host that answers HTTP 500 ("pdok", "opendata", ...); "" none
    slow = 0.0  # seconds to wait before answering (a timeout)
    renamed = False  # 47018NED's count column under another name (a changed table)
    asked: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        parsed = urlparse(self.path)
        query = parse_qs(parsed.query)
        Stub.asked.append(self.path)
        host, *_, table, part = parsed.path.strip("/").split("/")
        if HOSTS.get(table) != host or host == self.fail:
            self.send_response(404 if HOSTS.get(table) != host else 500)
            self.end_headers()
            return
        time.sleep(self.slow)
        if host == "pdok":
            wanted = query.get("gemeentecode", [""])[0]
            features = [f for f in self.answers.get("wijken/items", []) if f["properties"]["gemeentecode"] == wanted]
            body = {"type": "FeatureCollection", "features": features, "links": []}
        else:
            rows = self.answers.get(f"{table}/{part}", [])
            if part != "Perioden":
                rows = [r for r in rows if _selected(r, query.get("$filter", [""])[0])]
            if self.renamed:
                rows = [{("Misdrijven_1" if k == "GeregistreerdeMisdrijven_1" else k): v for k, v in r.items()} for r in rows]
            body = {"value": rows}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@contextmanager
def serving(monkeypatch) -> Iterator[type[Stub]]:
    """The stub on a free port of 127.0.0.1, with the update pointed at it; its knobs and ``Stub.asked`` reset."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    monkeypatch.setenv("IVB_CBS_URL", f"{base}/opendata/ODataApi/odata")
    monkeypatch.setenv("IVB_CBS_DERDEN_URL", f"{base}/dataderden/ODataApi/OData")
    monkeypatch.setenv("IVB_PDOK_URL", f"{base}/pdok/ogc/v1")
    monkeypatch.setenv("IVB_CBS_TIMEOUT", "2")
    _reset()
    try:
        yield Stub
    finally:
        _reset()
        server.shutdown()
        server.server_close()


def _reset() -> None:
    Stub.answers, Stub.fail, Stub.slow, Stub.renamed, Stub.asked = INVENTED_CBS, "", 0.0, False, []
