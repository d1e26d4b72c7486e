"""The wijk map on the screen: the map beside its table, and a click on a wijk that chooses it in the
shared filter (and so in the link)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import streamlit as st

from ivb import blocks as b
from ivb.ui import downloads
from ivb.ui.draw import source, table
from ivb.ui.sidebar import choose_wijk, wijk_names
from ivb.views import wijk_map

if TYPE_CHECKING:
    from ivb.ui.screen import Screen

MAP_KEY = "wijkkaart"


def _on_map_click(key: str) -> None:
    """A click on the map chooses that wijk in the shared filter (and so in the link)."""
    state = st.session_state.get(key)
    picked = (state or {}).get("selection", {}).get(wijk_map.SELECTION) or []
    wijk = picked[0].get("wijk") if picked else None
    if wijk in wijk_names():
        choose_wijk(wijk)


def map_block(block: b.WijkMap, screen: Screen) -> None:
    """The map coloured by the chosen figure, the table with the same numbers beside it, and the download."""
    wijk = screen.filters.wijk
    left, right = st.columns([3, 2], gap="medium")
    with left:
        # Keyed by the chosen wijk: a new choice in the filter starts the map without a selection, so a click on
        # the wijk chosen before still counts as a choice.
        key = f"{MAP_KEY}-{wijk or ''}"
        st.vega_lite_chart(block.spec, width="stretch", key=key, on_select=functools.partial(_on_map_click, key),
                           selection_mode=wijk_map.SELECTION, alt=block.alt)
        st.caption(block.caption)
    with right:
        table(block.table)
        if block.note:
            st.caption(block.note)
    source(block.source)
    downloads.data_menu(block.download)
