"""Whether the build the dashboard serves was made from the sources in data/bronnen.

An import writes its sources and then builds; killed in between, it leaves new sources beside the old build, and
the dashboard would show the old figures without a word. Every build therefore records in its manifest
(``build.json``, key ``bronnen_sha256``) a digest of the sources it read, and ``python -m ivb.run`` asks
:func:`warning` before it starts. The digest is not part of the build id: the same tables keep their directory.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from ivb import config
from ivb.sources.schema import TABLES

MANIFEST_KEY = "bronnen_sha256"
REBUILD = "Bouw de gegevens opnieuw met `make build` (of `python -m ivb build`)."


def sources_digest(sources: Path) -> str:
    """A digest of the bytes of every source file a build reads: one per shared table, and one per table of a
    gemeente's own in each folder ``<code>/`` (a missing or unreadable one counts as such, so adding it changes the
    digest)."""
    digest = hashlib.sha256()
    folders = sorted(p.name for p in sources.iterdir() if p.is_dir() and not p.name.startswith(".")) if sources.is_dir() else []
    names = [t.file_name for t in TABLES if not t.group]
    names += [f"{folder}/{t.file_name}" for folder in folders for t in TABLES if t.group]
    for name in names:
        try:
            data = (sources / name).read_bytes()
            digest.update(f"{name}\0{len(data)}\0".encode() + data)
        except OSError:
            digest.update(f"{name}\0-\0".encode())
    return digest.hexdigest()


def warning(data_dir: Path | None = None) -> str | None:
    """A Dutch warning for the steward when the sources in ``<data>/bronnen`` are not those the current build was made
    from, or the build does not say which it was made from (a build of before this check); None when they are the
    same, or when there are no sources to compare with (the Docker image carries the builds only)."""
    base = data_dir or config.data_dir()
    sources = config.sources_dir(base)
    if not sources.is_dir():
        return None
    try:
        tables = config.tables_dir(base)
    except (RuntimeError, ValueError) as exc:  # config.DataDirectoryError: CURRENT unreadable or naming no build
        reason = getattr(exc, "reason", "noemt geen leesbare build")
        return f"Let op: het bestand {base / config.CURRENT_FILE} {reason}; het dashboard kan geen cijfers tonen. {REBUILD}"
    try:
        manifest = json.loads((tables / config.MANIFEST_FILE).read_text(encoding="utf-8"))
        recorded = manifest.get(MANIFEST_KEY) if isinstance(manifest, dict) else None
    except (OSError, ValueError):
        recorded = None
    if not recorded:
        return (f"Let op: de build die het dashboard toont ({tables}) zegt niet uit welke bronnen hij is gebouwd "
                f"(een oudere build); of hij bij de bronnen in {sources} hoort, is niet na te gaan. {REBUILD}")
    if recorded != sources_digest(sources):
        return (f"Let op: de bronnen in {sources} zijn gewijzigd na de build die het dashboard toont (versie "
                f"{tables.name}). Het dashboard toont de cijfers van die build, niet die van de gewijzigde bronnen "
                f"(een afgebroken import of een bewerking zonder nieuwe build). {REBUILD}")
    return None


def announce() -> None:
    """Say :func:`warning` on the terminal and in the log (``python -m ivb.run`` before it starts); a check that
    fails is logged, never a reason not to start the dashboard."""
    log = logging.getLogger("ivb.run")
    try:
        message = warning()
    except Exception:  # noqa: BLE001
        log.warning("bronnen niet vergeleken met de build", exc_info=True)
        return
    if message:
        print(message, flush=True)
        log.warning(message)
