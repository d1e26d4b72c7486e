"""Cameratoezicht: a map and a table of the fixed camera surveillance locations, with type and period."""

from __future__ import annotations

from ivb import gemeente
from ivb.blocks import CameraMap, Download, Heading, Notice, Out, Table, Text
from ivb.content.common import quality_notes
from ivb.markup import plain
from ivb.queries import documents
from ivb.views import maps, tables


def content(out: Out) -> None:
    wijk = out.filters.wijk
    out.add(Text(
        "Naast tijdelijk cameratoezicht op wisselende plekken is er vast cameratoezicht, voor een vaste periode per locatie "
        "(zie de tabel). De politie Eenheid Den Haag voert het uit op basis van het convenant cameratoezicht."
    ))
    with out.section():
        locations = documents.camera_locations(wijk)
        where = f"in de wijk {plain(wijk)}" if wijk else f"in {plain(gemeente.name())}"
        out.add(Heading(f"Locaties van vast cameratoezicht {where}"))
        if locations.empty:
            out.add(Notice(f"Geen locaties van vast cameratoezicht bekend {where}."))
        else:
            if (locations["coordinaten"] == "benaderd").any():
                out.add(Notice(
                    "De coördinaten zijn benaderd: de bron noemt de locaties zonder adres. Een punt geeft de omgeving aan, "
                    "niet de plek van een camera.", "warning",
                ))
            out.add(CameraMap(locations, maps.ATTRIBUTION))
            out.add(Table(tables.camera_table(locations), download=Download("cameratoezicht", locations, wijk)))
        quality_notes(out, "cameratoezicht")
