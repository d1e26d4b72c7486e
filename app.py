"""IVB-dashboard: routing, page config and the shared sidebar filters."""

import streamlit as st

from ivb import logs, ui
from ivb.site import PAGES

logs.configure()
ui.page_icon()  # before the navigation: else a page's icon becomes the tab's, fetched from Google's font server
# A flat list: Streamlit renders navigation *sections* as list items outside their list, which
# axe reports as a serious WCAG violation (docs/ACCESSIBILITY.md). Without sections it is clean;
# expanded, so no English "View more" hides the last pages.
navigation = st.navigation([st.Page(p.file, title=p.title, icon=p.icon, default=p.default) for p in PAGES], expanded=True)
ui.page_chrome(navigation.title)
ui.mark_navigation()
with ui.one_build():  # every query of this run reads one build, even when a new one is published meanwhile
    ui.sidebar_filters()
    navigation.run()
    ui.footer()
