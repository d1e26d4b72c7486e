"""What chosen pages cost the server before and after a change: two checkouts, with and without a wijk, against the
empty page.

The way of measuring is bench/page_cost.py's (one reader over Streamlit's protocol, a few warm-up runs, then
``--runs`` reruns without changing anything; CPU time of the server per run, and the wait until
``script_finished``). Three servers run at once, each pinned to the same core: the empty page (bench/empty_page.py,
the floor), this working tree, and ``--baseline`` (an older checkout, e.g. a git worktree, with its own data/). Per
round, every page and wijk is measured on both checkouts, in turns (the order flips each round), each after a new
measurement of the empty page; a figure is the median over the rounds, the floor the median of all its measurements.

    git worktree add /tmp/ivb/before 4e2008a
    python bench/page_compare.py --baseline /tmp/ivb/before --pages wijkprofiel criminaliteit --wijken Centrum '' \\
        --runs 100 --rounds 3 --write docs/PERFORMANCE.md
    git worktree remove /tmp/ivb/before
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.page_cost import page_runs  # noqa: E402
from bench.proto_load import _number, write_section  # noqa: E402
from bench.stclient import check_version  # noqa: E402


def commit(checkout: Path) -> str:
    """The short commit of a git checkout, with '+ wijzigingen' when its working tree differs from it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(checkout), *args], capture_output=True, text=True).stdout.strip()

    dirty = git("status", "--porcelain", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + (" + wijzigingen in de werkmap" if dirty else "")


def measure(baseline: Path, pages: list[str], wijken: list[str], runs: int, rounds: int, cpus: str | None):
    """{(checkout, page, wijk): [(seconds, cpu, elements) per round]} and the floor's [(seconds, cpu)]."""
    from ivb import config
    from ivb.localserver import LocalServer

    logs = ROOT / "artifacts"
    floor = LocalServer(config.data_dir(), logs / "page-compare-empty.log", app="bench/empty_page.py", cpus=cpus)
    servers = {}
    try:
        servers["na"] = LocalServer(config.data_dir(), logs / "page-compare-na.log", cpus=cpus, env={"IVB_WARMUP": "0"})
        servers["voor"] = LocalServer(baseline / "data", logs / "page-compare-voor.log", cpus=cpus, cwd=baseline,
                                      env={"IVB_WARMUP": "0"})
        found: dict[tuple, list] = {}
        floors = []
        for round_ in range(rounds):
            order = ("voor", "na") if round_ % 2 == 0 else ("na", "voor")
            for page in pages:
                for wijk in wijken:
                    for name in order:
                        floors.append(asyncio.run(page_runs(floor.url, floor.process.pid, "", runs))[:2])
                        server = servers[name]
                        result = asyncio.run(page_runs(server.url, server.process.pid, page, runs, wijk=wijk))
                        found.setdefault((name, page, wijk), []).append(result)
                        print(f"ronde {round_ + 1}: {name} {page} {wijk or '-'}: {result[1] * 1000:.1f} ms CPU",
                              file=sys.stderr)
        return found, floors
    finally:
        for server in servers.values():
            server.stop()
        floor.stop()


def report(found: dict, floors: list, baseline: Path, pages: list[str], wijken: list[str], command: str,
           runs: int, rounds: int) -> str:
    from ivb.site import PAGES_BY_NAME

    floor_s = statistics.median(f[0] for f in floors)
    floor_cpu = statistics.median(f[1] for f in floors)
    lines = [
        f"Gemeten met `{command}`; de servers vastgezet op één core. *Voor*: commit {commit(baseline)} met zijn eigen "
        f"`data/`; *na*: {commit(ROOT)}. De werkwijze van `bench/page_cost.py` (één lezer over het protocol, "
        f"{runs} runs na drie om op te warmen); per ronde elke pagina en wijkkeuze op beide versies om beurten, elk na "
        f"een nieuwe meting van de lege pagina; {rounds} rondes, de mediaan daarvan. Lege pagina: wachttijd "
        f"{_number(floor_s * 1000)} ms, CPU {_number(floor_cpu * 1000, 1)} ms per run (mediaan van {len(floors)} "
        "metingen).", "",
        "| pagina | wijk | elementen voor / na | wachttijd voor / na (ms) | CPU voor (ms) | CPU na (ms) "
        "| CPU na / voor | CPU voor / leeg | CPU na / leeg |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    worst = 0.0
    for page in pages:
        for wijk in wijken:
            before, after = found[("voor", page, wijk)], found[("na", page, wijk)]
            b_s, a_s = (statistics.median(r[0] for r in rows) for rows in (before, after))
            b_cpu, a_cpu = (statistics.median(r[1] for r in rows) for rows in (before, after))
            worst = max(worst, a_cpu / floor_cpu)
            lines.append(
                f"| {PAGES_BY_NAME[page].title} | {wijk or 'geen (heel Zoetermeer)'} | {before[-1][2]} / {after[-1][2]} "
                f"| {_number(b_s * 1000)} / {_number(a_s * 1000)} | {_number(b_cpu * 1000, 1)} | {_number(a_cpu * 1000, 1)} "
                f"| {_number(a_cpu / b_cpu, 2)} | {_number(b_cpu / floor_cpu, 1)} | {_number(a_cpu / floor_cpu, 1)} |")
    verdict = "gehaald" if worst <= 10 else "niet gehaald"
    lines += ["", "| doel | norm | gemeten | |", "|---|---|---|---|",
              f"| CPU per warme run, na | ≤ 10x lege pagina | hoogste {_number(worst, 1)}x | {verdict} |"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="de oudere checkout (met zijn eigen data/)")
    parser.add_argument("--pages", nargs="+", default=["wijkprofiel", "criminaliteit"], help="url-namen van pagina's")
    parser.add_argument("--wijken", nargs="+", default=["Centrum", ""], help="'' is geen wijk gekozen")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--server-cpus", default="0" if (os.cpu_count() or 1) > 1 else None)
    parser.add_argument("--marker", default="page-cost-voor-na")
    parser.add_argument("--write", type=Path)
    args = parser.parse_args(argv)
    check_version()
    if args.server_cpus and (os.cpu_count() or 1) > 1:
        others = set(range(os.cpu_count())) - {int(c) for c in args.server_cpus.split(",")}
        if others:
            os.sched_setaffinity(0, others)
    found, floors = measure(args.baseline.resolve(), args.pages, args.wijken, args.runs, args.rounds, args.server_cpus)
    shown = [f"'{w}'" if not w or " " in w else w for w in args.wijken]
    command = (f"python bench/page_compare.py --baseline {args.baseline} --pages {' '.join(args.pages)} --wijken "
               f"{' '.join(shown)} --runs {args.runs} --rounds {args.rounds}")
    text = report(found, floors, args.baseline.resolve(), args.pages, args.wijken, command, args.runs, args.rounds)
    print(text)
    if args.write:
        write_section(args.write, text, marker=args.marker)


if __name__ == "__main__":
    main()
