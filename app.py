"""IVB-dashboard: routing, page config and the shared sidebar filters."""

import streamlit as st

from ivb import ui

st.set_page_config(page_title="IVB-dashboard Zoetermeer", page_icon=":material/shield:", layout="wide")

# A flat list: Streamlit renders navigation *sections* as list items outside their list, which
# axe reports as a serious WCAG violation (docs/ACCESSIBILITY.md). Without sections it is clean.
pages = [
    st.Page("pages/overzicht.py", title="Overzicht", icon=":material/home:", default=True),
    st.Page("pages/criminaliteit.py", title="Criminaliteit", icon=":material/local_police:"),
    st.Page("pages/veiligheidsbeleving.py", title="Veiligheidsbeleving", icon=":material/sentiment_satisfied:"),
    st.Page("pages/woonoverlast.py", title="Woonoverlast", icon=":material/holiday_village:"),
    st.Page("pages/cameratoezicht.py", title="Cameratoezicht", icon=":material/videocam:"),
    st.Page("pages/zorg_jeugd.py", title="Zorg, jeugd en extremisme", icon=":material/handshake:"),
    st.Page("pages/ondermijning.py", title="Ondermijning", icon=":material/search:"),
    st.Page("pages/handhaving_jaarwisseling.py", title="Handhaving en jaarwisseling", icon=":material/celebration:"),
    st.Page("pages/beleid_financien.py", title="Beleid en financiën", icon=":material/account_balance:"),
    st.Page("pages/data_bronnen.py", title="Data en bronnen", icon=":material/database:"),
]

navigation = st.navigation(pages)
ui.mark_navigation()
ui.document_language()
ui.sidebar_filters()
navigation.run()
