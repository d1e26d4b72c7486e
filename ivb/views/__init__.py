"""Pure functions from frames and blocks to things to show or hand out: chart specs, chart images, the
PDF report. No streamlit here."""
