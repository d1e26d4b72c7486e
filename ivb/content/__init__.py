"""What each page says, as a sequence of blocks (ivb.blocks) built from the queries.

One module per page (and per part that two pages share); each has a ``content(out)`` function.
The screen and the PDF report both run it. No streamlit here.
"""
