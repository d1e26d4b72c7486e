"""Helpers shared by the unit tests (the fixtures themselves live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

from ivb import config

REPO_SOURCES = config.DEFAULT_DATA_DIR / "bronnen"


def snapshot(directory: Path) -> dict[str, bytes]:
    """The bytes of every Parquet file in ``directory``, to prove a failed build wrote nothing."""
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.parquet"))}
