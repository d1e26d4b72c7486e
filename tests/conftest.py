"""Shared fixtures: copies of the curated sources to break on purpose, built data directories,
and the invented data set of tests/fixtures.py.

The copies start from the project's own data/bronnen (never from ../shared); tests that
need numbers of their own write them in code and say that they are invented.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fixtures import REPO_SOURCES, write_invented

from ivb.build import build


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
