"""IVB-dashboard: routing, page config and the shared sidebar filters."""

import streamlit as st

from ivb import ui

st.set_page_config(page_title="IVB-dashboard Zoetermeer", page_icon="🛡️", layout="wide")

pages = {
    "Overzicht": [
        st.Page("pages/overzicht.py", title="Overzicht", icon="🏠", default=True),
    ],
    "Veiligheid in cijfers": [
        st.Page("pages/criminaliteit.py", title="Criminaliteit", icon="🚨"),
        st.Page("pages/veiligheidsbeleving.py", title="Veiligheidsbeleving", icon="🙂"),
        st.Page("pages/woonoverlast.py", title="Woonoverlast", icon="🏘️"),
        st.Page("pages/cameratoezicht.py", title="Cameratoezicht", icon="📹"),
    ],
    "Aanpak": [
        st.Page("pages/zorg_jeugd.py", title="Zorg, jeugd en extremisme", icon="🤝"),
        st.Page("pages/ondermijning.py", title="Ondermijning", icon="🔍"),
        st.Page("pages/handhaving_jaarwisseling.py", title="Handhaving en jaarwisseling", icon="🎆"),
    ],
    "Beleid en data": [
        st.Page("pages/beleid_financien.py", title="Beleid en financiën", icon="📋"),
        st.Page("pages/data_bronnen.py", title="Data en bronnen", icon="🗂️"),
    ],
}

navigation = st.navigation(pages)
ui.sidebar_filters()
navigation.run()
