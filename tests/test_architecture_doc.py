"""docs/ARCHITECTURE.md follows woninginbraken 2024 = 89 from its source row to the download: the files it names
exist and the row it quotes is the row in data/bronnen, so a newcomer following it does not end up nowhere."""

from __future__ import annotations

import csv
import re

from ivb import config

DOC = config.PROJECT_ROOT / "docs" / "ARCHITECTURE.md"


def test_every_file_the_walkthrough_names_exists():
    text = DOC.read_text()
    named = set(re.findall(r"`((?:ivb|pages|tests|data/bronnen|bench)/[\w/.]+\.(?:py|csv))`", text))
    assert len(named) >= 20
    missing = sorted(path for path in named if not (config.PROJECT_ROOT / path).exists())
    assert not missing, f"docs/ARCHITECTURE.md names files that do not exist: {missing}"


def test_the_quoted_source_row_is_line_21_of_waarden_csv_with_89_and_its_begroting_on_line_19():
    with (config.PROJECT_ROOT / "data" / "bronnen" / "waarden.csv").open(newline="", encoding="utf-8") as handle:
        lines = {n: row for n, row in enumerate(csv.DictReader(handle), start=2)}
    realisatie, begroting = lines[21], lines[19]
    assert (realisatie["indicator_id"], realisatie["jaar"], realisatie["type"], realisatie["waarde"]) == \
        ("woninginbraken", "2024", "realisatie", "89")
    assert (begroting["indicator_id"], begroting["jaar"], begroting["type"], begroting["waarde"]) == \
        ("woninginbraken", "2024", "begroting", "180")
    quoted = "woninginbraken,2024,Zoetermeer,,realisatie,89,nee,nee,jaarverslag_2024"
    assert quoted in DOC.read_text()
