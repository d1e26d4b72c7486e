"""``python -m ivb update``: a gemeente's CBS tables (47018NED, 70072ned, 85984NED) and, for a gemeente without
curated wijken, its wijk boundaries from PDOK, fetched into a copy of the sources, checked with a trial build, and only
then written and built (all or nothing). Also the two helpers every command of ``python -m ivb`` reports with.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ivb.formatting import number
from ivb.gemeente import Gemeente
from ivb.sources.build import BuildError, build
from ivb.sources.problems import Problems, plural

log = logging.getLogger("ivb.cli")


def failed(what: str, problems: Problems | list, outcome: str) -> int:
    """Print the problems to stderr, then what happened to the data; return the exit code 1.

    The first ones whole, the rest as a count per kind (ivb.sources.problems): a big file can have hundreds of thousands.
    """
    found = problems if isinstance(problems, Problems) else Problems(problems)
    print(f"{what}: {number(found.count)} {plural(found.count)}.", file=sys.stderr)
    for line in found.lines(bullet="  - "):
        print(line, file=sys.stderr)
    print(outcome, file=sys.stderr)
    return 1


def chosen_gemeente(sources: Path, code: str | None) -> Gemeente | None:
    """The gemeente ``code`` (default: the configured one) as the sources name it; None after saying in Dutch on
    stderr that the code is malformed or unknown, with the known codes."""
    from ivb.gemeente import GemeenteError
    from ivb.sources import layout

    try:
        return layout.resolve(sources, code)
    except GemeenteError as exc:
        print(exc, file=sys.stderr)
        return None


# What an update may write: the shared tables it refreshes, and the gemeente's wijken (police figures among them).
UPDATED = ("gemeente_inwoners", "open_data_bronnen")


def update(indeling: str | None = None, code: str | None = None) -> int:
    """Fetch the CBS tables of a gemeente, import them into a copy of the sources, check with a trial build, then write
    and build. A gemeente without curated wijken gets them from CBS 85984NED with its boundaries from PDOK."""
    import pandas as pd
    import requests

    from ivb import config
    from ivb.gemeente import WIJKEN
    from ivb.sources import cbs, layout, opendata, wijkdata
    from ivb.sources.police_import import ImportError_, import_files
    from ivb.sources.police_provenance import Provenance
    from ivb.sources.schema import GROUPS

    sources = config.sources_dir()
    gemeente = chosen_gemeente(sources, code)
    if gemeente is None:
        return 2
    curated = _has_rows(layout.path(sources, "wijkcodes", gemeente.code))
    progress, today = Progress(3 if curated else 4), date.today().isoformat()
    with tempfile.TemporaryDirectory() as trial_dir:
        trial = Path(trial_dir)
        copy = trial / "bronnen"
        shutil.copytree(sources, copy)
        try:
            with requests.Session() as session:
                crime = trial / f"47018NED_{gemeente.slug}.csv"
                cbs.crime_file(session, crime, progress.step("47018NED, geregistreerde misdrijven"), gemeente)
                progress.finish_step()
                municipalities = pd.read_csv(copy / "gemeenten.csv", dtype=str)["gemeentecode"].tolist()
                fresh = cbs.population(session, municipalities, progress.step("70072ned, inwoners per gemeente"))
                progress.finish_step()
                if curated:
                    people = _text(layout.path(copy, "wijk_inwoners", gemeente.code))
                    codes = people.loc[people["jaar"] == str(cbs.KERNCIJFERS_YEAR), "code"].tolist() if len(people) else []
                    figures = cbs.kerncijfers(session, codes, progress.step("85984NED, kerncijfers wijken")) if codes else {}
                    progress.finish_step()
                    own = {"wijk_inwoners": cbs.refresh_inhabitants(people, figures, today, gemeente)} if len(people) else {}
                else:
                    regions = cbs.regions(session, gemeente, progress.step("85984NED, wijken en buurten"))
                    progress.finish_step()
                    shapes = cbs.boundaries(session, gemeente, progress.step("PDOK, wijkgrenzen"))
                    progress.finish_step()
            if not curated:
                own = opendata.wijken_from_cbs(gemeente, regions, shapes, today)
        except (cbs.UpdateError, wijkdata.CurationError) as exc:
            print(file=sys.stderr)
            return failed("Bijwerken mislukt", [str(exc)], "Er is niets veranderd.")
        old = _text(copy / "gemeente_inwoners.csv")
        # A population CBS gives unchanged keeps its row (and its source); a new or revised one names the update. Every
        # other gemeente's rows stay.
        merged = pd.concat([fresh.astype(str), old]).drop_duplicates(["gemeentecode", "jaar", "gemiddeld_aantal_inwoners"], keep="last")
        merged = merged.drop_duplicates(["gemeentecode", "jaar"], keep="first")
        # The sources of what was fetched replace their rows in place (a new one goes last), so a second update of
        # the same figures writes the same bytes.
        fresh_sources = {row["bron_id"]: row for row in cbs.sources(today, gemeente, borders=not curated).to_dict("records")}
        listed = [fresh_sources.pop(row["bron_id"], row) for row in _text(copy / "open_data_bronnen.csv").to_dict("records")]
        layout.write_files(opendata.files({
            "gemeente_inwoners": merged.sort_values(["gemeentecode", "jaar"]),
            "open_data_bronnen": pd.DataFrame(listed + list(fresh_sources.values())), **own}, copy, gemeente.code))
        # The police rows name their source like an import-politie does: this file, fetched from CBS today.
        fetched = Provenance(f"CBS open data (OData v3, {cbs.base_url(cbs.CRIME)}), de regels van {gemeente.naam}", today,
                             "Rechtstreeks opgehaald met python -m ivb update.")
        try:
            report = import_files([crime], copy, indeling=indeling, provenance=fetched, gemeente=gemeente)
        except ImportError_ as exc:
            return failed("Bijwerken mislukt: de cijfers van 47018NED kloppen niet", exc.problems, "Er is niets veranderd.")
        try:
            build(copy, trial)
        except BuildError as exc:
            return failed("Bijwerken mislukt: de nieuwe cijfers halen de controles niet", exc.problems, "Er is niets veranderd.")
        places = [layout.path(Path(), name, gemeente.code) for name in (*UPDATED, *GROUPS[WIJKEN])]
        now = layout.snapshot(sources / place for place in places)
        changed = {place: (copy / place).read_bytes() for place in places if (copy / place).is_file()
                   and now[sources / place] != (copy / place).read_bytes()}
    if not changed:
        print(f"Niets veranderd: de cijfers van CBS voor {gemeente.naam} waren al ingelezen.")
        return 0
    before = layout.snapshot(sources / place for place in changed)
    try:
        layout.write_files({sources / place: data for place, data in changed.items()})
        build()
    except Exception as exc:  # noqa: BLE001 - the trial passed, so this is rare (a full disk); never leave half an update
        log.error("bijwerken mislukt; teruggedraaid", exc_info=True)
        layout.restore(before)
        return failed("Bijwerken mislukt", [f"{type(exc).__name__}: {exc}"], "Het bijwerken is teruggedraaid.")
    if not curated:
        kinds = own["wijkcodes"]["soort"].value_counts()
        print(f"Wijken van {gemeente.naam} samengesteld uit CBS 85984NED en de wijk- en buurtkaart (PDOK): "
              f"{kinds.get('wijk', 0)} wijken, {kinds.get('buurt', 0)} buurten, {len(own['wijkgrenzen'])} wijkgrenzen "
              f"(wijkindeling {cbs.KWB_INDELING}).")
    print(f"Bijgewerkt voor {gemeente.naam} ({gemeente.code}): {', '.join(str(p) for p in changed)} "
          f"({number(report.rows_kept)} politieregels, wijkindeling "
          f"{', '.join(filter(None, report.indelingen.values())) or 'geen'}). Gegevens opnieuw gebouwd.")
    return 0


def _text(path: Path):
    """A source CSV as text columns (an empty frame when the file is not there)."""
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else pd.DataFrame()


def _has_rows(path: Path) -> bool:
    """Whether a source CSV has a row under its header."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return any(line.strip() for line in list(handle)[1:])
    except (OSError, UnicodeDecodeError):
        return False


class Progress:
    """A one-line progress bar on stderr: the step, a bar of steps done, and the rows fetched."""

    def __init__(self, steps: int, stream=None) -> None:
        self.steps, self.done, self.stream, self.label = steps, 0, stream or sys.stderr, ""

    def step(self, label: str) -> Callable[[int], None]:
        self.label = label
        self.show(0)
        return self.show

    def show(self, rows: int) -> None:
        bar = "#" * self.done + "-" * (self.steps - self.done)
        print(f"\r[{bar}] {self.done + 1}/{self.steps} {self.label}: {rows} regels", end="", file=self.stream, flush=True)

    def finish_step(self) -> None:
        self.done += 1
        print(file=self.stream)
