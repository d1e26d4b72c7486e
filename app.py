"""IVB-dashboard: routing, page config and the shared sidebar filters."""

import streamlit as st

from ivb import logs, ui
from ivb.site import PAGES

logs.configure()
st.set_page_config(page_title="IVB-dashboard Zoetermeer", page_icon=":material/shield:", layout="wide")

# A flat list: Streamlit renders navigation *sections* as list items outside their list, which
# axe reports as a serious WCAG violation (docs/ACCESSIBILITY.md). Without sections it is clean.
navigation = st.navigation([st.Page(p.file, title=p.title, icon=p.icon, default=p.default) for p in PAGES])
ui.mark_navigation()
ui.document_language()
ui.scrollable_tables()
ui.sidebar_filters()
navigation.run()
