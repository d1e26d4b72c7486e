"""Where each curated source lives in data/bronnen, which gemeenten the sources know, and files written all or none.

The open data every gemeente shares sits at the top of ``data/bronnen``; a gemeente's own tables (its documents, its
wijken: ``Table.group``) sit in ``data/bronnen/<code>/``. The commands that write sources (``update``,
``import-politie``, ``import-opendata``, ``nieuwe-gemeente``) find their gemeente here, by its code and the name that
the shared ``gemeenten.csv`` gives it, and lay out a group they start with its other files header-only, so the build
reads the group as a whole (:func:`ivb.sources.build.validate`).
"""

from __future__ import annotations

import csv
from pathlib import Path

from ivb import gemeente
from ivb.gemeente import Gemeente
from ivb.sources.records import replace_file
from ivb.sources.schema import GROUPS, TABLES, TABLES_BY_NAME


class LayoutError(Exception):
    """A gemeente's folder cannot be laid out (it has files already); nothing was written."""


def path(sources: Path, name: str, code: str) -> Path:
    """The source of table ``name``: ``<sources>/<code>/<name>.csv`` for a gemeente's own, else ``<sources>/<name>.csv``."""
    table = TABLES_BY_NAME[name]
    return sources / code / table.file_name if table.group else sources / table.file_name


def names(sources: Path) -> dict[str, str]:
    """code -> name of every gemeente in ``<sources>/gemeenten.csv``, in code order ({} when it cannot be read)."""
    try:
        with (sources / "gemeenten.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    return dict(sorted((r.get("gemeentecode", "").strip(), (r.get("gemeente") or "").strip()) for r in rows
                       if r.get("gemeentecode")))


def resolve(sources: Path, code: str | None = None) -> Gemeente:
    """The gemeente ``code`` (default: the configured one, ``IVB_GEMEENTE``) with its name from the sources; a
    :class:`ivb.gemeente.GemeenteError` with the known codes when it is malformed or unknown."""
    code = (code or gemeente.requested()).strip().upper()
    known = names(sources)
    gemeente.check(code, known)
    return Gemeente(code, known[code])


def header(name: str) -> bytes:
    """The header line of table ``name``: its columns as the schema declares them."""
    return (",".join(TABLES_BY_NAME[name].column_names) + "\n").encode("utf-8")


def group_of(name: str) -> str:
    return TABLES_BY_NAME[name].group


def missing(sources: Path, code: str, written: list[str]) -> dict[Path, bytes]:
    """Header-only files for the members of the groups of ``written`` (tables about to be written for ``code``) that
    ``<sources>/<code>/`` does not have yet: a group is read as a whole, and an empty member is 'not curated yet'."""
    groups = {group_of(name) for name in written} - {""}
    return {path(sources, member, code): header(member) for group in groups for member in GROUPS[group]
            if member not in written and not path(sources, member, code).exists()}


def snapshot(paths) -> dict[Path, bytes | None]:
    """What each of ``paths`` holds now (None: it does not exist), to put back after a failed write."""
    return {p: p.read_bytes() if p.is_file() else None for p in paths}


def write_files(files: dict[Path, bytes]) -> None:
    """Replace each file atomically (its folder made when new); when one cannot be written, put back the ones
    already written, then raise."""
    before = snapshot(files)
    done: list[Path] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            replace_file(target, data)
            done.append(target)
    except BaseException:
        restore({p: before[p] for p in done})
        raise


def restore(before: dict[Path, bytes | None]) -> None:
    """Put every file back as it was (None: remove it, and its gemeente's folder when that is left empty)."""
    for target, data in before.items():
        if data is None:
            target.unlink(missing_ok=True)
            if target.parent.is_dir() and gemeente.CODE_PATTERN.match(target.parent.name) and not any(target.parent.iterdir()):
                target.parent.rmdir()
        else:
            replace_file(target, data)


def bron_ids(sources: Path, skip: set[Path] = frozenset()) -> set[str]:
    """Every ``bron_id`` the source files under ``sources`` name (the shared ones and every gemeente's own), but
    those of ``skip`` (files a command is about to replace) and of ``open_data_bronnen``, the list they name."""
    found: set[str] = set()
    folders = [sources, *sorted(p for p in sources.iterdir() if p.is_dir() and gemeente.CODE_PATTERN.match(p.name))]
    for table in TABLES:
        if "bron_id" not in table.column_names or table.name == "open_data_bronnen":
            continue
        for folder in folders:
            target = folder / table.file_name
            if (folder is sources) == bool(table.group) or target in skip or not target.is_file():
                continue
            try:
                with target.open(encoding="utf-8-sig", newline="") as handle:
                    found |= {row["bron_id"] for row in csv.DictReader(handle) if row.get("bron_id")}
            except (OSError, UnicodeDecodeError, csv.Error):
                continue  # the build names what is wrong with the file
    return found


def lay_out(sources: Path, code: str, group: str = gemeente.DOCUMENTS) -> list[Path]:
    """``python -m ivb nieuwe-gemeente``: every table of ``group`` as a header-only file in ``<sources>/<code>/``.

    Raises :class:`LayoutError` when one of them exists already: a steward's work is never overwritten.
    """
    files = {path(sources, name, code): header(name) for name in GROUPS[group]}
    present = [p for p in files if p.exists()]
    if present:
        shown = ", ".join(p.name for p in present)
        raise LayoutError(f"bronnen/{code}/ bevat al {shown}; er is niets overschreven en niets geschreven")
    write_files(files)
    return list(files)
