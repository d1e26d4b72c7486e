"""Shared fixtures: copies of the curated sources to break on purpose, built data directories,
and the invented data set of tests/fixtures.py.

The copies start from the project's own data/bronnen (never from ../shared); tests that
need numbers of their own write them in code and say that they are invented.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fixtures import REPO_SOURCES, write_invented

from ivb.sources.build import build

# No pages made in the background (ivb.ui.warmup) in the tests or the servers they start: a test makes its own
# pages, and a background thread would make them with a query a test broke on purpose. tests/test_tape.py runs it.
os.environ.setdefault("IVB_WARMUP", "0")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data directory holding a copy of the real sources and the Parquet built from them."""
    target = tmp_path / "data"
    shutil.copytree(REPO_SOURCES, target / "bronnen")
    build(target / "bronnen", target)
    return target


@pytest.fixture
def use_data_dir(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app (IVB_DATA_DIR) at the temporary data directory."""
    monkeypatch.setenv("IVB_DATA_DIR", str(data_dir))
    return data_dir


@pytest.fixture
def invented(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app pointed at a data directory built from the invented sources of tests/fixtures.py."""
    target = write_invented(tmp_path / "invented")
    monkeypatch.setenv("IVB_DATA_DIR", str(target))
    return target


@pytest.fixture(autouse=True)
def fresh_pages():
    """Each test draws its pages anew: a test that breaks a query on purpose must not get the page that an
    earlier test kept for the same filter (ivb.ui.tape); a running server never changes its code."""
    from ivb.ui import tape

    tape.clear()
    yield
