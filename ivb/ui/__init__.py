"""What pages place on the screen: the filters and navigation (sidebar), the page chrome (chrome), and each block of a
page's content drawn with Streamlit (page, draw). Pages call ivb.ui.page.show_page; app.py the rest.

Nothing is imported here: the warm-up (ivb.ui.warmup) starts with the process, before Streamlit's runtime, and must
not load the modules that declare Streamlit caches."""
