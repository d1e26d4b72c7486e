"""What pages place on the screen: filters and navigation, chart blocks and tables, the police sections.

Pages import this package as ``ui`` and call the names below; each lives in one module.
"""

from ivb.ui.blocks import (
    chart_block,
    chart_spec,
    city_only_notice,
    data_section,
    data_table,
    downloads,
    figures,
    page,
    peiljaar,
    quality_notes,
    source,
    table,
    verdict_tiles,
    whole_table,
)
from ivb.ui.filters import (
    ALL_CITY,
    Filters,
    document_language,
    ensure_navigation,
    filters,
    mark_navigation,
    scrollable_tables,
    sidebar_filters,
)
from ivb.ui.police import police_next_to_documents, police_section
from ivb.ui.public import open_data_sentence, public_section, tile_notes
from ivb.ui.text import plain
from ivb.ui.wijk import map_section, profile

__all__ = [
    "ALL_CITY", "Filters", "map_section", "profile",
    "chart_block", "chart_spec", "city_only_notice", "data_section", "data_table", "document_language",
    "downloads", "ensure_navigation", "figures", "filters", "mark_navigation", "open_data_sentence", "page", "peiljaar", "plain",
    "police_next_to_documents", "police_section", "public_section", "quality_notes", "scrollable_tables", "sidebar_filters",
    "source", "table", "tile_notes", "verdict_tiles", "whole_table",
]
