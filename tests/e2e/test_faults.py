"""A data file that disappears or breaks while the app runs: a clear message where it is needed,
the other pages keep working, and the app recovers when the file is back."""

from __future__ import annotations

import shutil

import pytest
from fixtures import parquet
from helpers import open_page, problems


@pytest.mark.parametrize(("table", "path", "damage", "word"), [
    ("woonoverlast", "woonoverlast", "remove", "ontbreekt"),
    ("camera_locaties", "cameratoezicht", "corrupt", "onleesbaar"),
])
def test_broken_parquet_is_reported_and_recovered(server, page, table, path, damage, word):
    target = parquet(server.data_dir, table)
    backup = server.data_dir.parent / f"{table}.parquet.backup"
    shutil.copy2(target, backup)
    try:
        if damage == "remove":
            target.unlink()
        else:
            target.write_bytes(b"dit is geen parquet-bestand")
        open_page(page, server.url, path)
        errors = page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
        assert any(f"{table}.parquet" in e and word in e for e in errors), errors
        assert page.locator('[data-testid="stException"]').count() == 0

        open_page(page, server.url, "criminaliteit")
        assert problems(page) == [], "another page broke along with the file"
    finally:
        shutil.move(backup, target)
    open_page(page, server.url, path)
    assert problems(page) == []
