"""Command line: ``python -m ivb build`` validates the curated sources and writes the Parquet tables."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from ivb.build import BuildError, build
from ivb.config import INDELINGEN

log = logging.getLogger("ivb.cli")


def main(argv: list[str] | None = None) -> int:
    """Run the command named in ``argv``; return the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m ivb", description="IVB-dashboard: gegevens bouwen en beheren.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="controleer data/bronnen/*.csv en schrijf data/*.parquet")
    build_cmd.add_argument("--sources", type=Path, help="map met de bron-CSV's (standaard: <data>/bronnen)")
    build_cmd.add_argument("--out", type=Path, help="map voor de Parquet-bestanden (standaard: IVB_DATA_DIR of data/)")
    police = commands.add_parser("import-politie", help="lees CBS 47018NED/47022NED (politie, per wijk en buurt) in")
    police.add_argument("files", type=Path, nargs="+", help="CSV-bestanden van CBS")
    police.add_argument("--indeling", choices=INDELINGEN,
                        help="de wijkindeling van de bestanden, als de wijk- en buurtcodes die niet verraden")
    opendata = commands.add_parser("import-opendata", help="lees de open data van CBS/politie per gemeente in (47018NED, 70072ned)")
    opendata.add_argument("directory", type=Path, help="map met gemeente_misdrijven_47018NED.csv, gemeente_inwoners_70072ned.csv "
                          "en soortmisdrijf_47018NED.csv")
    args = parser.parse_args(argv)

    if args.command == "import-politie":
        return _import_police(args.files, args.indeling)
    if args.command == "import-opendata":
        return _import_opendata(args.directory)

    if args.command == "build":
        try:
            result = build(args.sources, args.out)
        except BuildError as exc:
            return _failed("Bouwen mislukt", exc.problems, "Er is niets geschreven; de vorige Parquet-bestanden zijn ongewijzigd.")
        summary = ", ".join(f"{name} ({n})" for name, n in result.rows.items())
        print(f"Gebouwd naar {result.out_dir} (versie {result.build_id}): {summary}")
    return 0


def _failed(what: str, problems: list, outcome: str) -> int:
    """Print every problem to stderr, then what happened to the data; return the exit code 1."""
    print(f"{what}: {len(problems)} probleem/problemen.", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    print(outcome, file=sys.stderr)
    return 1


def _import_opendata(directory: Path) -> int:
    """Curate the open data, check it in a trial build on a copy of the sources, and only then write and build."""
    from ivb import config, opendata

    try:
        curated = opendata.curate(directory)
    except ValueError as exc:
        return _failed("Inlezen mislukt", str(exc).splitlines(), "Er is niets geschreven.")
    sources = config.sources_dir()
    with tempfile.TemporaryDirectory() as trial:
        copy = Path(trial) / "bronnen"
        shutil.copytree(sources, copy)
        opendata.write(curated, copy)
        try:
            build(copy, Path(trial))
        except BuildError as exc:
            return _failed("Inlezen mislukt", exc.problems, "Er is niets geschreven.")
    before = {name: (sources / f"{name}.csv").read_bytes() if (sources / f"{name}.csv").exists() else None for name in curated}
    try:
        opendata.write(curated, sources)
        build()
    except Exception as exc:  # noqa: BLE001 - the trial passed, so this is rare (a full disk); never leave half an import
        log.error("inlezen van de open data mislukt; teruggedraaid", exc_info=True)
        opendata.restore(before, sources)
        return _failed("Inlezen mislukt", [f"{type(exc).__name__}: {exc}"], "Het inlezen is teruggedraaid.")
    print("Ingelezen: " + ", ".join(f"{name} ({len(frame)})" for name, frame in curated.items()) + ". Gegevens opnieuw gebouwd.")
    return 0


def _import_police(files: list[Path], indeling: str | None = None) -> int:
    from ivb import config
    from ivb.politie import ImportError_, import_files, restore

    sources = config.sources_dir()
    target = sources / "politie_misdrijven.csv"
    before = target.read_bytes() if target.exists() else None
    try:
        report = import_files(files, sources, indeling=indeling)
    except ImportError_ as exc:
        return _failed("Inlezen mislukt", exc.problems, "Er is niets geschreven.")
    print(f"Gelezen: {report.rows_read} regels uit {', '.join(report.files)}; "
          f"van Zoetermeer: {report.rows_kept} (waarvan {report.suppressed} geheimgehouden); "
          f"andere gemeenten overgeslagen: {report.rows_other_municipality}.")
    for name, decided in report.indelingen.items():
        print(f"Wijkindeling van {name}: {decided or 'geen (alleen gemeentecijfers)'}.")
    print(f"Nieuw: {report.rows_added}, gewijzigd: {report.rows_changed}.")
    if report.unmapped:
        print("Let op: deze wijk- en buurtcodes staan niet in data/bronnen/wijkcodes.csv (voor hun indeling); "
              "hun cijfers zijn bewaard maar tellen voor geen wijk mee:")
        for (code, ind), count in sorted(report.unmapped.items()):
            print(f"  - {code} in de indeling {ind} ({count} regels)")
    if not report.changed:
        print("Niets veranderd: deze cijfers waren al ingelezen.")
        return 0
    try:
        build()
    except Exception as exc:  # noqa: BLE001 - whatever stopped the build, the import must not stay half done
        # Put the previous source back, so source and Parquet keep telling the same story.
        log.error("bouwen na het inlezen mislukt; inlezen teruggedraaid", exc_info=True)
        restore(target, before)
        problems = exc.problems if isinstance(exc, BuildError) else [f"{type(exc).__name__}: {exc}"]
        return _failed("Bouwen na het inlezen mislukt", problems, "Het inlezen is teruggedraaid.")
    print("Gegevens opnieuw gebouwd.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
