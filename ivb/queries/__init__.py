"""The only readers of data/: the locked DuckDB connection (core) and the named queries per source.

``documents`` holds the figures of the kadernota and the jaarverslag, ``police`` the police's
open data. No module here imports streamlit.
"""
