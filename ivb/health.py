"""The health check of a running ``ivb.serve``: every gemeente it serves answers ``ok`` on its ``_stcore/health``.

``python -m ivb.health --port 8501`` asks nginx on 127.0.0.1 for ``/_stcore/health``, or, when ``IVB_GEMEENTEN``
names gemeenten (as ``ivb.serve`` reads it), for ``/<pad>/_stcore/health`` of each of them. Exit 0 when all answer,
else 1 with the gemeenten that did not on standard error (the Docker ``HEALTHCHECK`` and a monitor read it).
"""

from __future__ import annotations

import argparse
import os
import sys
import urllib.error
import urllib.request

from ivb import config, gemeente, nginx

TIMEOUT = 4.0  # seconds per gemeente


def paths(typed: str) -> dict[str, str]:
    """The health path of each gemeente served ({name: path}); one on '/' without gemeenten."""
    chosen = nginx.chosen_sites([typed] if typed.strip() else [])
    return {s.naam: f"/{s.slug}/_stcore/health" for s in chosen} or {"dashboard": "/_stcore/health"}


def failing(port: int, checked: dict[str, str]) -> list[str]:
    """The gemeenten (with why) that do not answer ``ok`` on 127.0.0.1:``port``."""
    failed = []
    for name, path in checked.items():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=TIMEOUT) as reply:
                if reply.read() != b"ok":
                    failed.append(f"{name}: geen 'ok' op {path}")
        except (urllib.error.URLError, OSError) as exc:
            failed.append(f"{name}: {path} antwoordt niet ({getattr(exc, 'reason', exc)})")
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ivb.health", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8080, help="poort van nginx (standaard 8080)")
    args = parser.parse_args(argv)
    try:
        checked = paths(os.environ.get(nginx.SITES_VAR, ""))
    except (gemeente.GemeenteError, config.DataDirectoryError, OSError) as exc:
        print(f"Ongezond: {exc}", file=sys.stderr)
        return 1
    failed = failing(args.port, checked)
    for line in failed:
        print(f"Ongezond: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
