"""IVB-dashboard: routing, page config and the shared sidebar filters."""

import streamlit as st

from ivb import logs
from ivb.ui import chrome, page, sidebar

logs.configure()
chrome.page_icon()  # before the navigation: else a page's icon becomes the tab's, fetched from Google's font server
# A flat list: Streamlit renders navigation *sections* as list items outside their list, which
# axe reports as a serious WCAG violation (docs/ACCESSIBILITY.md). Without sections it is clean;
# expanded, so no English "View more" hides the last pages.
navigation = st.navigation(sidebar.navigation_pages(), expanded=True)
chrome.page_chrome(navigation.title)
sidebar.mark_navigation()
with page.one_build():  # every query of this run reads one build, even when a new one is published meanwhile
    sidebar.sidebar_filters()
    navigation.run()
    chrome.footer()
