"""Wijkprofiel: the wijk map (a click chooses the wijk) and everything known about the chosen wijk beside the city."""

from __future__ import annotations

from ivb import gemeente
from ivb.blocks import Notice, Out, Text
from ivb.content.wijk import map_section, profile
from ivb.gemeente import DOCUMENTS
from ivb.markup import plain


def content(out: Out) -> None:
    wijk = out.filters.wijk
    known = ["inwoners", *(("woonoverlast per 1.000 inwoners", "cameratoezicht") if gemeente.has(DOCUMENTS) else ()),
             "(zodra ingelezen) de politiecijfers"]
    out.add(Text(f"Alles wat het dashboard per wijk weet, naast heel {plain(gemeente.name())}: "
                 f"{', '.join(known[:-1])} en {known[-1]}."))
    out.add(Text("Kies een wijk op de kaart of in het filter 'Wijk'." if wijk is None else
                 f"Het profiel van {plain(wijk)} staat onder de kaart; een andere wijk kiest u op de kaart of in het "
                 "filter 'Wijk'.", screen_only=True))
    with out.section():
        map_section(out)
    if wijk is None:
        out.add(Notice("Kies een wijk op de kaart of in het filter 'Wijk' voor het profiel van die wijk.", screen_only=True))
    else:
        with out.section():
            profile(out, wijk)
