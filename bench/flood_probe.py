"""What one anonymous websocket that floods the server with rerun requests costs another reader.

``python bench/flood_probe.py [--requests 3000] [--write docs/LOAD.md]``: a dashboard on 127.0.0.1, pinned to one
core (the probe runs on the other). A reader opens the crime page again and again; first alone (the floor), then
while a second session sends ``--requests`` ``BackMsg.rerun_script`` messages as fast as the socket takes them and
reads nothing back, and then once more after the flooder has gone. Afterwards the flooder reads what the server
sent it, to count the runs its requests started. The same run is made against a server with Streamlit's default
``runner.fastReruns = true`` (every request stops the run and starts a new script thread) and with the project's
``false`` (.streamlit/config.toml: the requests of a session merge into one rerun), so the figures come from one
machine in one hour.

Traffic goes to 127.0.0.1 only and is bounded: ``--requests`` messages and ``--reads`` runs of the reader.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ClientState_pb2 import ClientState  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bench import stclient  # noqa: E402
from bench.proto_load import write_section  # noqa: E402
from ivb import config  # noqa: E402
from ivb.localserver import LocalServer  # noqa: E402

PAGE = "criminaliteit"


@dataclass
class Outcome:
    """The reader's waits (seconds) alone, during the flood and after it; the flood's sending time; the runs the flood
    started (``new_session`` messages the flooder was sent); the server's processor time over the whole probe."""

    fast_reruns: bool
    alone: list[float]
    flooded: list[float]
    after: list[float]
    send_seconds: float
    runs_started: int
    cpu_seconds: float = 0.0


def _flood_message(base_url: str, page_hash: str) -> bytes:
    state = ClientState(query_string="", page_script_hash=page_hash, page_name=PAGE)
    state.context_info.url = f"{base_url}/{PAGE}"
    return BackMsg(rerun_script=state).SerializeToString()


async def _reads(reader: stclient.Session, count: int) -> list[float]:
    waits = []
    for _ in range(count):
        run = await reader.run(PAGE)
        if run.exceptions or run.errors:
            raise RuntimeError(f"de pagina gaf een fout: {run.exceptions or run.errors}")
        waits.append(run.seconds)
    return waits


async def _drain(session: stclient.Session, quiet: float = 2.0, limit: float = 120) -> int:
    """Read what the server sent ``session`` until it has been quiet for ``quiet`` seconds (at most ``limit``);
    the number of runs it started (a ``new_session`` message opens each run)."""
    started = 0
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            raw = await asyncio.wait_for(session._ws.recv(), quiet)  # noqa: SLF001 - the raw socket
        except TimeoutError:
            break
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        started += msg.WhichOneof("type") == "new_session"
    return started


async def probe(url: str, requests: int, reads: int) -> Outcome:
    """The reader alone, while one other session sends ``requests`` rerun requests, and after it."""
    reader = stclient.Session(url, timeout=300)
    await reader.connect(PAGE)
    await reader.run(PAGE)  # the session and its page made once
    alone = await _reads(reader, reads)
    flooder = stclient.Session(url, timeout=300)
    await flooder.connect(PAGE)
    await flooder.run(PAGE)
    message = _flood_message(url, flooder.page_hash)

    async def flood() -> float:
        started = time.perf_counter()
        for _ in range(requests):
            await flooder._ws.send(message)  # noqa: SLF001 - the raw socket: a flooder reads nothing back
        return time.perf_counter() - started

    sending = asyncio.create_task(flood())
    await asyncio.sleep(0.2)  # the flood is under way when the reader asks
    flooded = await _reads(reader, reads)
    send_seconds = await sending
    runs_started = await _drain(flooder)
    await flooder.close()
    after = await _reads(reader, reads)
    await reader.close()
    return Outcome(True, alone, flooded, after, send_seconds, runs_started)


def measure(fast_reruns: bool, requests: int, reads: int, cpus: str | None) -> Outcome:
    """One server (with Streamlit's ``fastReruns`` on, or the project's setting: off), the probe against it."""
    logs = Path(tempfile.mkdtemp(prefix="ivb-flood-"))
    env = {"STREAMLIT_RUNNER_FAST_RERUNS": "true" if fast_reruns else "false", "IVB_WARMUP": "1"}
    server = LocalServer(config.data_dir(), logs / "server.log", cpus=cpus, env=env, ready=True, timeout=180)
    try:
        before = _cpu(server.process.pid)
        outcome = stclient.run_blocking(probe(server.url, requests, reads))
        outcome.fast_reruns, outcome.cpu_seconds = fast_reruns, _cpu(server.process.pid) - before
        return outcome
    finally:
        server.stop()


def _cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}".replace(",", ".")


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def report(outcomes: list[Outcome], command: str, requests: int) -> str:
    lines = [
        "## Een stortvloed van herlaadverzoeken",
        "",
        f"Eén websocket stuurt {requests:,} keer `rerun_script` zonder iets te lezen; ".replace(",", ".")
        + "een andere lezer vraagt intussen de pagina Criminaliteit op. De server draait op één core, de meting op de andere.",
        "",
        "| `runner.fastReruns` | lezer alleen, mediaan | tijdens de vloed, mediaan | tijdens de vloed, hoogste "
        "| erna, mediaan | runs gestart door de vloed | processortijd server |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for o in outcomes:
        setting = "true (standaard van Streamlit)" if o.fast_reruns else "false (dit project)"
        lines.append(f"| {setting} | {_ms(statistics.median(o.alone))} ms | {_ms(statistics.median(o.flooded))} ms "
                     f"| {_ms(max(o.flooded))} ms | {_ms(statistics.median(o.after))} ms | {o.runs_started:,} ".replace(",", ".")
                     + f"| {_decimal(o.cpu_seconds)} s |")
    lines += ["", f"Gemeten met `{command}`."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> list[Outcome]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--reads", type=int, default=5, help="zoveel keer vraagt de lezer de pagina op, per fase")
    parser.add_argument("--server-cpus", default="0" if (os.cpu_count() or 1) > 1 else None)
    parser.add_argument("--fast-reruns", choices=["true", "false", "beide"], default="beide",
                        help="Streamlits runner.fastReruns voor de server: true (de standaard), false (dit project)")
    parser.add_argument("--write", type=Path, help="het verslag in dit Markdown-bestand zetten")
    args = parser.parse_args(argv)
    stclient.check_version()
    if args.server_cpus and (os.cpu_count() or 1) > 1:
        others = set(range(os.cpu_count())) - {int(c) for c in args.server_cpus.split(",")}
        if others:
            os.sched_setaffinity(0, others)
    settings = {"true": [True], "false": [False], "beide": [True, False]}[args.fast_reruns]
    outcomes = [measure(fast, args.requests, args.reads, args.server_cpus) for fast in settings]
    command = "python bench/flood_probe.py " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(outcomes, command, args.requests)
    print(text)
    if args.write:
        write_section(args.write, text, marker="vloed")
    return outcomes


if __name__ == "__main__":
    main()
