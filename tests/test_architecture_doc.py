"""docs/ARCHITECTURE.md follows woninginbraken 2024 = 89 from its source row to the download: the files it names
exist and the row it quotes is the row in data/bronnen, so a newcomer following it does not end up nowhere."""

from __future__ import annotations

import re

from fixtures import REPO_SOURCES, source_path

from ivb import config

DOC = config.PROJECT_ROOT / "docs" / "ARCHITECTURE.md"


def test_every_file_the_walkthrough_names_exists():
    text = DOC.read_text()
    named = set(re.findall(r"`((?:ivb|pages|tests|data/bronnen|bench)/[\w/.]+\.(?:py|csv))`", text))
    assert len(named) >= 20
    missing = sorted(path for path in named if not (config.PROJECT_ROOT / path).exists())
    assert not missing, f"docs/ARCHITECTURE.md names files that do not exist: {missing}"


def test_the_row_the_walkthrough_quotes_stands_in_waarden_csv_on_the_line_it_names():
    # The doc quotes a row and names its line; whatever the figure, the two must agree with data/bronnen, so a
    # steward's correction or a row inserted above it makes the doc follow (a new year at the end changes nothing).
    text = DOC.read_text()
    named = re.search(r"(data/bronnen/(?:GM\d{4}/)?waarden\.csv), regel (\d+)", text)
    path, line = named.group(1), int(named.group(2))
    quoted = re.search(r"^(\w+,\d{4},[^\n]*?jaarverslag_\d{4})", text, re.M).group(1)
    assert config.PROJECT_ROOT / path == source_path(REPO_SOURCES, "waarden"), f"the doc names {path}"
    lines = (config.PROJECT_ROOT / path).read_text(encoding="utf-8").splitlines()
    assert lines[line - 1].startswith(quoted), f"waarden.csv regel {line} is {lines[line - 1]!r}, the doc quotes {quoted!r}"


def test_the_readme_names_every_module_of_the_package():
    # README "Opbouw" is where a newcomer looks for a module; one it does not name is one nobody finds.
    readme = (config.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Opbouw"):]
    layout = layout[:layout.index("```", layout.index("```") + 3)]
    named = set(re.findall(r"[a-z_]+", layout))
    pages = {p.stem for p in (config.PROJECT_ROOT / "pages").glob("*.py")}  # ivb/content/<page>.py: "one per page"
    modules = {p.stem for p in (config.PROJECT_ROOT / "ivb").rglob("*.py")
               if p.stem not in ("__init__", "__main__") and not (p.parent.name == "content" and p.stem in pages)}
    assert modules - named == set(), f"README 'Opbouw' misses {sorted(modules - named)}"
