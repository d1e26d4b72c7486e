"""Command line: ``python -m ivb build`` validates the curated sources and writes the Parquet tables."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from ivb.config import INDELINGEN
from ivb.formatting import number
from ivb.sources.build import BuildError, build
from ivb.sources.problems import Problems, plural, unreadable

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
    police.add_argument("--herkomst", help="waar de kopie vandaan komt (standaard: de bestandsnaam)")
    police.add_argument("--opgehaald-op", metavar="JJJJ-MM-DD", help="de dag dat de kopie is opgehaald (standaard: vandaag)")
    police.add_argument("--toelichting", help="wat er verder over het bestand te weten valt (komt in open_data_bronnen)")
    opendata = commands.add_parser("import-opendata", help="lees de open data van CBS/politie per gemeente in (47018NED, 70072ned)")
    opendata.add_argument("directory", type=Path, help="map met gemeente_misdrijven_47018NED.csv, gemeente_inwoners_70072ned.csv "
                          "en soortmisdrijf_47018NED.csv")
    update = commands.add_parser("update", help="haal 47018NED, 70072ned en 85984NED op bij CBS (online) en lees ze gecontroleerd in")
    update.add_argument("--indeling", choices=INDELINGEN, help="de wijkindeling van 47018NED, als de codes die niet verraden")
    args = parser.parse_args(argv)

    if args.command == "update":
        return _update(args.indeling)

    if args.command == "import-politie":
        from ivb.sources.police_provenance import Provenance

        return _import_police(args.files, args.indeling, Provenance(args.herkomst, args.opgehaald_op, args.toelichting))
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


def _failed(what: str, problems: Problems | list, outcome: str) -> int:
    """Print the problems to stderr, then what happened to the data; return the exit code 1.

    The first ones whole, the rest as a count per kind (ivb.sources.problems): a big file can have hundreds of thousands.
    """
    found = problems if isinstance(problems, Problems) else Problems(problems)
    print(f"{what}: {number(found.count)} {plural(found.count)}.", file=sys.stderr)
    for line in found.lines(bullet="  - "):
        print(line, file=sys.stderr)
    print(outcome, file=sys.stderr)
    return 1


def _import_opendata(directory: Path) -> int:
    """Curate the open data, check it in a trial build on a copy of the sources, and only then write and build."""
    from ivb import config
    from ivb.sources import opendata

    try:
        curated = opendata.curate(directory)
    except ValueError as exc:
        return _failed("Inlezen mislukt", str(exc).splitlines(), "Er is niets geschreven.")
    except OSError as exc:  # a file in the directory that cannot even be looked at
        return _failed("Inlezen mislukt", [f"{exc.filename or directory}: {unreadable(exc)}"], "Er is niets geschreven.")
    sources = config.sources_dir()
    curated = opendata.keep_listed(curated, sources)  # the police files' sources stay listed
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


UPDATED = ("politie_misdrijven", "gemeente_inwoners", "wijk_inwoners", "open_data_bronnen")


def _update(indeling: str | None = None) -> int:
    """Fetch the CBS tables, import them into a copy of the sources, check with a trial build, then write and build."""
    import pandas as pd
    import requests

    from ivb import config
    from ivb.sources import cbs, opendata
    from ivb.sources.police_import import ImportError_, import_files
    from ivb.sources.police_provenance import Provenance

    sources = config.sources_dir()
    progress = cbs.Progress(3)
    with tempfile.TemporaryDirectory() as trial_dir:
        trial = Path(trial_dir)
        copy = trial / "bronnen"
        shutil.copytree(sources, copy)
        try:
            with requests.Session() as session:
                crime = trial / "47018NED_zoetermeer.csv"
                cbs.crime_file(session, crime, progress.step("47018NED, geregistreerde misdrijven"))
                progress.finish_step()
                municipalities = pd.read_csv(copy / "gemeenten.csv", dtype=str)["gemeentecode"].tolist()
                fresh = cbs.population(session, municipalities, progress.step("70072ned, inwoners per gemeente"))
                progress.finish_step()
                people = pd.read_csv(copy / "wijk_inwoners.csv", dtype=str, keep_default_na=False)
                codes = people.loc[people["jaar"] == str(cbs.KERNCIJFERS_YEAR), "code"].tolist()
                figures = cbs.kerncijfers(session, codes, progress.step("85984NED, kerncijfers wijken")) if codes else {}
                progress.finish_step()
        except cbs.UpdateError as exc:
            print(file=sys.stderr)
            return _failed("Bijwerken mislukt", [str(exc)], "Er is niets veranderd.")
        today = date.today().isoformat()
        # The police rows name their source like an import-politie does: this file, fetched from CBS today.
        fetched = Provenance(f"CBS open data (OData v3, {cbs.base_url(cbs.CRIME)}), de regels van Zoetermeer", today,
                             "Rechtstreeks opgehaald met python -m ivb update.")
        try:
            report = import_files([crime], copy, indeling=indeling, provenance=fetched)
        except ImportError_ as exc:
            return _failed("Bijwerken mislukt: de cijfers van 47018NED kloppen niet", exc.problems, "Er is niets veranderd.")
        old = pd.read_csv(copy / "gemeente_inwoners.csv", dtype=str, keep_default_na=False)
        # A population CBS gives unchanged keeps its row (and its source); a new or revised one names the update.
        merged = pd.concat([fresh.astype(str), old]).drop_duplicates(["gemeentecode", "jaar", "gemiddeld_aantal_inwoners"], keep="last")
        merged = merged.drop_duplicates(["gemeentecode", "jaar"], keep="first")
        listed = pd.read_csv(copy / "open_data_bronnen.csv", dtype=str, keep_default_na=False)
        new_sources = cbs.sources(today)
        opendata.write({"gemeente_inwoners": merged.sort_values(["gemeentecode", "jaar"]),
                        "wijk_inwoners": cbs.refresh_inhabitants(people, figures, today),
                        "open_data_bronnen": pd.concat([listed[~listed["bron_id"].isin(new_sources["bron_id"])], new_sources])}, copy)
        try:
            build(copy, trial)
        except BuildError as exc:
            return _failed("Bijwerken mislukt: de nieuwe cijfers halen de controles niet", exc.problems, "Er is niets veranderd.")
        changed = {n: (copy / f"{n}.csv").read_bytes() for n in UPDATED
                   if (copy / f"{n}.csv").read_bytes() != (sources / f"{n}.csv").read_bytes()}
    if not changed:
        print("Niets veranderd: de cijfers van CBS waren al ingelezen.")
        return 0
    before = {n: (sources / f"{n}.csv").read_bytes() for n in changed}
    try:
        for name, data in changed.items():
            opendata.replace_file(sources / f"{name}.csv", data)
        build()
    except Exception as exc:  # noqa: BLE001 - the trial passed, so this is rare (a full disk); never leave half an update
        log.error("bijwerken mislukt; teruggedraaid", exc_info=True)
        opendata.restore(before, sources)
        return _failed("Bijwerken mislukt", [f"{type(exc).__name__}: {exc}"], "Het bijwerken is teruggedraaid.")
    print(f"Bijgewerkt: {', '.join(changed)} ({number(report.rows_kept)} politieregels, wijkindeling "
          f"{', '.join(filter(None, report.indelingen.values())) or 'geen'}). Gegevens opnieuw gebouwd.")
    return 0


def _import_police(files: list[Path], indeling: str | None = None, provenance=None) -> int:
    from ivb import config
    from ivb.sources.police_import import ImportError_, import_files
    from ivb.sources.police_provenance import restore

    sources = config.sources_dir()
    targets = [sources / "politie_misdrijven.csv", sources / "open_data_bronnen.csv"]
    before = {target: target.read_bytes() if target.exists() else None for target in targets}
    try:
        report = import_files(files, sources, indeling=indeling, provenance=provenance)
    except ImportError_ as exc:
        return _failed("Inlezen mislukt", exc.problems, "Er is niets geschreven.")
    except OSError as exc:  # a source that cannot be written (a full disk, no permission): what was written is put back
        why = "geen schrijfrechten" if isinstance(exc, PermissionError) else f"foutcode {exc.errno}"
        return _failed("Inlezen mislukt", [f"{exc.filename or sources}: kon niet worden geschreven ({why})"],
                       "Er is niets geschreven.")
    print(f"Gelezen: {number(report.rows_read)} regels uit {', '.join(report.files)}; "
          f"van Zoetermeer: {number(report.rows_kept)} (waarvan {number(report.suppressed)} geheimgehouden); "
          f"andere gemeenten overgeslagen: {number(report.rows_other_municipality)}.")
    for name, decided in report.indelingen.items():
        print(f"Wijkindeling van {name}: {decided or 'geen (alleen gemeentecijfers)'}; bron {report.sources[name]} "
              "in open_data_bronnen.")
    print(f"Nieuw: {number(report.rows_added)}, gewijzigd: {number(report.rows_changed)}.")
    if report.written == ["open_data_bronnen.csv"]:
        print("De cijfers waren al ingelezen; alleen de bron (herkomst, datum, toelichting) is bijgewerkt.")
    if report.unmapped:
        print("Let op: deze wijk- en buurtcodes staan niet in data/bronnen/wijkcodes.csv (voor hun indeling); "
              "hun cijfers zijn bewaard maar tellen voor geen wijk mee:")
        for (code, ind), count in sorted(report.unmapped.items()):
            print(f"  - {code} in de indeling {ind} ({count} regel{'s' if count != 1 else ''})")
    if not report.changed:
        print("Niets veranderd: deze cijfers waren al ingelezen.")
        return 0
    try:
        build()
    except Exception as exc:  # noqa: BLE001 - whatever stopped the build, the import must not stay half done
        # Put the previous source back, so source and Parquet keep telling the same story.
        log.error("bouwen na het inlezen mislukt; inlezen teruggedraaid", exc_info=True)
        for target, data in before.items():
            restore(target, data)
        problems = exc.problems if isinstance(exc, BuildError) else [f"{type(exc).__name__}: {exc}"]
        return _failed("Bouwen na het inlezen mislukt", problems, "Het inlezen is teruggedraaid.")
    print("Gegevens opnieuw gebouwd.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
