"""Command line: ``python -m ivb build`` validates the curated sources and writes the Parquet tables; the other
commands write the sources of one gemeente (``--gemeente``, default the configured one) and the open data all share:
``update`` (from CBS and PDOK), ``import-politie``, ``import-opendata`` and ``nieuwe-gemeente``."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from ivb.formatting import number
from ivb.gemeente import DEFAULT_CODE
from ivb.sources import update as updating
from ivb.sources.build import BuildError, build
from ivb.sources.problems import unreadable
from ivb.sources.update import chosen_gemeente, failed

log = logging.getLogger("ivb.cli")
STEWARD_GUIDE = "README.md, 'Voor de databeheerder: cijfers van een nieuw jaar toevoegen'"


def main(argv: list[str] | None = None) -> int:
    """Run the command named in ``argv``; return the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m ivb", description="IVB-dashboard: gegevens bouwen en beheren.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="controleer data/bronnen/*.csv en schrijf data/*.parquet")
    build_cmd.add_argument("--sources", type=Path, help="map met de bron-CSV's (standaard: <data>/bronnen)")
    build_cmd.add_argument("--out", type=Path, help="map voor de Parquet-bestanden (standaard: IVB_DATA_DIR of data/)")
    which = f"de gemeente (CBS-code, zoals GM0546; standaard: IVB_GEMEENTE of {DEFAULT_CODE})"
    police = commands.add_parser("import-politie", help="lees CBS 47018NED/47022NED (politie, per wijk en buurt) in")
    police.add_argument("files", type=Path, nargs="+", help="CSV-bestanden van CBS")
    police.add_argument("--gemeente", help=f"{which} waarvan de regels worden ingelezen")
    police.add_argument("--indeling", help="de wijkindeling van de bestanden (zoals in wijkcodes.csv, bijvoorbeeld 2025), "
                        "als de wijk- en buurtcodes die niet verraden")
    police.add_argument("--herkomst", help="waar de kopie vandaan komt (standaard: de bestandsnaam)")
    police.add_argument("--opgehaald-op", metavar="JJJJ-MM-DD", help="de dag dat de kopie is opgehaald (standaard: vandaag)")
    police.add_argument("--toelichting", help="wat er verder over het bestand te weten valt (komt in open_data_bronnen)")
    opendata = commands.add_parser("import-opendata", help="lees de open data van CBS/politie per gemeente in (47018NED, 70072ned)")
    opendata.add_argument("directory", type=Path, help="map met gemeente_misdrijven_47018NED.csv, gemeente_inwoners_70072ned.csv "
                          "en soortmisdrijf_47018NED.csv")
    opendata.add_argument("--gemeente", help=f"{which} van de wijkbestanden in de map")
    update = commands.add_parser("update", help="haal 47018NED, 70072ned en 85984NED (en zo nodig de wijkgrenzen) van een "
                                 "gemeente op bij CBS (online) en lees ze gecontroleerd in")
    update.add_argument("--gemeente", help=which)
    update.add_argument("--indeling", help="de wijkindeling van 47018NED (zoals in wijkcodes.csv), als de codes die niet "
                        "verraden")
    new = commands.add_parser("nieuwe-gemeente", help="leg data/bronnen/<code>/ aan met lege documentbestanden (alleen kopregels)")
    new.add_argument("code", help="de CBS-code van de gemeente, zoals GM0546 (moet in gemeenten.csv staan)")
    new.add_argument("--sources", type=Path, help="map met de bron-CSV's (standaard: <data>/bronnen)")
    args = parser.parse_args(argv)

    if args.command == "update":
        return updating.update(args.indeling, args.gemeente)
    if args.command == "nieuwe-gemeente":
        return _new_gemeente(args.code, args.sources)
    if args.command == "import-politie":
        from ivb.sources.police_provenance import Provenance

        return _import_police(args.files, args.indeling, Provenance(args.herkomst, args.opgehaald_op, args.toelichting),
                              args.gemeente)
    if args.command == "import-opendata":
        return _import_opendata(args.directory, args.gemeente)

    if args.command == "build":
        try:
            result = build(args.sources, args.out)
        except BuildError as exc:
            return failed("Bouwen mislukt", exc.problems, "Er is niets geschreven; de vorige Parquet-bestanden zijn ongewijzigd.")
        summary = ", ".join(f"{name} ({n})" for name, n in result.rows.items())
        print(f"Gebouwd naar {result.out_dir} (versie {result.build_id}): {summary}")
    return 0


def _new_gemeente(code: str, sources: Path | None) -> int:
    """Lay out a gemeente's folder with its documents as header-only files, and say what the steward does next."""
    from ivb import config
    from ivb.gemeente import WIJKEN
    from ivb.sources import layout
    from ivb.sources.schema import GROUPS

    sources = sources or config.sources_dir()
    gemeente = chosen_gemeente(sources, code)
    if gemeente is None:
        return 2
    try:
        written = layout.lay_out(sources, gemeente.code)
    except layout.LayoutError as exc:
        print(f"Niet aangelegd: {exc}.", file=sys.stderr)
        return 1
    except OSError as exc:  # no permission, a full disk: what was written is taken away again (layout.write_files)
        why = "geen schrijfrechten" if isinstance(exc, PermissionError) else f"foutcode {exc.errno}"
        return failed("Niet aangelegd", [f"{exc.filename or sources}: kon niet worden geschreven ({why})"],
                       "Er is niets geschreven.")
    folder, c = sources / gemeente.code, gemeente.code
    print(f"Aangelegd voor {gemeente.naam} ({c}) in {folder}: {', '.join(p.name for p in written)}, elk met alleen de "
          "kopregel (de kolommen die de bouwstap verwacht). Tot ze gevuld zijn, heeft de gemeente in het dashboard geen "
          "documenten (geen doelen, oordelen of beleidspagina's); `python -m ivb build` slaagt zoals het was.")
    wijken = "al aanwezig" if any((folder / f"{n}.csv").exists() for n in GROUPS[WIJKEN]) else "nog niet aanwezig"
    print(f"""Volgende stappen voor de databeheerder (zie {STEWARD_GUIDE}):
  1. Vul bronnen.csv met de documenten (kadernota, jaarverslag) waar de cijfers uit komen.
  2. Vul indicatoren.csv (de catalogus) en waarden.csv (de cijfers per jaar), en periodecijfers.csv, woonoverlast.csv met
     woonoverlast_totalen.csv, camera_locaties.csv, speerpunten.csv, financien.csv en kwaliteit.csv. De bouwstap leest ze
     als geheel: zodra één ervan regels heeft, moeten ze dat allemaal hebben.
  3. De wijken (wijkcodes, inwoners, wijkgrenzen, politiecijfers; {wijken}): `python -m ivb update --gemeente {c}`.
  4. Bouw en controleer: `make build` (of `python -m ivb build`), dan `make test`; bekijk het met `make run GEMEENTE={c}`.""")
    return 0


def _import_opendata(directory: Path, code: str | None = None) -> int:
    """Curate the open data, check it in a trial build on a copy of the sources, and only then write and build."""
    from ivb import config
    from ivb.sources import layout, opendata

    sources = config.sources_dir()
    gemeente = chosen_gemeente(sources, code)
    if gemeente is None:
        return 2
    try:
        curated = opendata.curate(directory, gemeente)
    except ValueError as exc:
        return failed("Inlezen mislukt", str(exc).splitlines(), "Er is niets geschreven.")
    except OSError as exc:  # a file in the directory that cannot even be looked at
        return failed("Inlezen mislukt", [f"{exc.filename or directory}: {unreadable(exc)}"], "Er is niets geschreven.")
    curated = opendata.keep_listed(curated, sources, gemeente.code)  # sources other files name stay listed
    with tempfile.TemporaryDirectory() as trial:
        copy = Path(trial) / "bronnen"
        shutil.copytree(sources, copy)
        layout.write_files(opendata.files(curated, copy, gemeente.code))
        try:
            build(copy, Path(trial))
        except BuildError as exc:
            return failed("Inlezen mislukt", exc.problems, "Er is niets geschreven.")
    files = opendata.files(curated, sources, gemeente.code)
    before = layout.snapshot(files)
    try:
        layout.write_files(files)
        build()
    except Exception as exc:  # noqa: BLE001 - the trial passed, so this is rare (a full disk); never leave half an import
        log.error("inlezen van de open data mislukt; teruggedraaid", exc_info=True)
        layout.restore(before)
        return failed("Inlezen mislukt", [f"{type(exc).__name__}: {exc}"], "Het inlezen is teruggedraaid.")
    print("Ingelezen: " + ", ".join(f"{name} ({len(frame)})" for name, frame in curated.items()) + ". Gegevens opnieuw gebouwd.")
    return 0


def _import_police(files: list[Path], indeling: str | None = None, provenance=None, code: str | None = None) -> int:
    from ivb import config
    from ivb.gemeente import WIJKEN
    from ivb.sources import layout
    from ivb.sources.police_import import ImportError_, import_files
    from ivb.sources.schema import GROUPS

    sources = config.sources_dir()
    gemeente = chosen_gemeente(sources, code)
    if gemeente is None:
        return 2
    before = layout.snapshot([*(layout.path(sources, name, gemeente.code) for name in GROUPS[WIJKEN]),
                              sources / "open_data_bronnen.csv"])
    try:
        report = import_files(files, sources, indeling=indeling, provenance=provenance, gemeente=gemeente)
    except ImportError_ as exc:
        return failed("Inlezen mislukt", exc.problems, "Er is niets geschreven.")
    except OSError as exc:  # a source that cannot be written (a full disk, no permission): what was written is put back
        why = "geen schrijfrechten" if isinstance(exc, PermissionError) else f"foutcode {exc.errno}"
        return failed("Inlezen mislukt", [f"{exc.filename or sources}: kon niet worden geschreven ({why})"],
                       "Er is niets geschreven.")
    print(f"Gelezen: {number(report.rows_read)} regels uit {', '.join(report.files)}; "
          f"van {gemeente.naam}: {number(report.rows_kept)} (waarvan {number(report.suppressed)} geheimgehouden); "
          f"andere gemeenten overgeslagen: {number(report.rows_other_municipality)}.")
    for name, decided in report.indelingen.items():
        print(f"Wijkindeling van {name}: {decided or 'geen (alleen gemeentecijfers)'}; bron {report.sources[name]} "
              "in open_data_bronnen.")
    print(f"Nieuw: {number(report.rows_added)}, gewijzigd: {number(report.rows_changed)}.")
    if report.written == ["open_data_bronnen.csv"]:
        print("De cijfers waren al ingelezen; alleen de bron (herkomst, datum, toelichting) is bijgewerkt.")
    if report.unmapped:
        print(f"Let op: deze wijk- en buurtcodes staan niet in data/bronnen/{gemeente.code}/wijkcodes.csv (voor hun "
              "indeling); hun cijfers zijn bewaard maar tellen voor geen wijk mee:")
        for (region, ind), count in sorted(report.unmapped.items()):
            print(f"  - {region} in de indeling {ind} ({count} regel{'s' if count != 1 else ''})")
    if not report.changed:
        print("Niets veranderd: deze cijfers waren al ingelezen.")
        return 0
    try:
        build()
    except Exception as exc:  # noqa: BLE001 - whatever stopped the build, the import must not stay half done
        # Put the previous sources back, so source and Parquet keep telling the same story.
        log.error("bouwen na het inlezen mislukt; inlezen teruggedraaid", exc_info=True)
        layout.restore(before)
        problems = exc.problems if isinstance(exc, BuildError) else [f"{type(exc).__name__}: {exc}"]
        return failed("Bouwen na het inlezen mislukt", problems, "Het inlezen is teruggedraaid.")
    print("Gegevens opnieuw gebouwd.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
