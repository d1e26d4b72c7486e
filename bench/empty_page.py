"""The floor of the benchmark: a Streamlit page that does nothing."""

import streamlit as st  # noqa: F401
