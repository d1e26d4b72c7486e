"""Command line: ``python -m ivb build`` validates the curated sources and writes the Parquet tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ivb.build import BuildError, build


def main(argv: list[str] | None = None) -> int:
    """Run the command named in ``argv``; return the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m ivb", description="IVB-dashboard: gegevens bouwen en beheren.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="controleer data/bronnen/*.csv en schrijf data/*.parquet")
    build_cmd.add_argument("--sources", type=Path, help="map met de bron-CSV's (standaard: <data>/bronnen)")
    build_cmd.add_argument("--out", type=Path, help="map voor de Parquet-bestanden (standaard: IVB_DATA_DIR of data/)")
    args = parser.parse_args(argv)

    if args.command == "build":
        try:
            result = build(args.sources, args.out)
        except BuildError as exc:
            print(f"Bouwen mislukt: {len(exc.problems)} probleem/problemen in de bronnen.", file=sys.stderr)
            for problem in exc.problems:
                print(f"  - {problem}", file=sys.stderr)
            print("Er is niets geschreven; de vorige Parquet-bestanden zijn ongewijzigd.", file=sys.stderr)
            return 1
        summary = ", ".join(f"{name} ({n})" for name, n in result.rows.items())
        print(f"Gebouwd naar {result.out_dir}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
