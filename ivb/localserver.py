"""A local dashboard process (``python -m ivb.run``, or ``streamlit run`` for another script) on a free port, for
the browser tests, the load benchmark and ``make serve``.

Started as a child process with its own data directory (``IVB_DATA_DIR``), on ``/`` or under a base path
(Streamlit's ``--server.baseUrlPath``, as ``make serve`` does for a gemeente of several: every route, the health
check and the websocket too, is then under ``/<path>/``); healthy once ``/_stcore/health`` answers ``ok``, and with
``ready=True`` only once its log says every page is made (ivb.run); stopped with :meth:`LocalServer.stop`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from ivb import config


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, what: str, timeout: float, poll: float = 0.1) -> None:
    """Wait until ``url``/_stcore/health answers ``ok``; fail when ``process`` stops or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopte (code {process.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(poll)
    raise RuntimeError(f"{what} antwoordde niet binnen {timeout:.0f} s op /_stcore/health")


def wait_ready(log: Path, process: subprocess.Popen, what: str, timeout: float, poll: float = 0.1) -> None:
    """Wait until the server log ``log`` says every page is made (ivb.run); fail when ``process`` stops or
    ``timeout`` passes."""

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopte (code {process.returncode})")
        if config.READY_LINE in log.read_text(errors="replace"):
            return
        time.sleep(poll)
    raise RuntimeError(f"{what} had zijn pagina's niet binnen {timeout:.0f} s gemaakt")


class LocalServer:
    """A running dashboard on 127.0.0.1 that reads ``data_dir`` and logs to ``log_path``."""

    def __init__(self, data_dir: Path, log_path: Path, timeout: float = 60, app: str = "app.py",
                 cpus: str | None = None, port: int | None = None, poll: float = 0.3,
                 cwd: Path | None = None, env: dict[str, str] | None = None, ready: bool = False,
                 wait: bool = True, base_path: str = "") -> None:
        """``app``: the script to serve (relative to the project); ``cpus``: pin the server to these cores
        (``taskset -c``), so that load figures compare between machines; ``ready``: wait until the pages are made
        (:attr:`ready_seconds` after the start), as a load balancer does before it sends readers; ``wait=False``:
        return at once (a supervisor that must keep watching asks :meth:`is_ready` instead); ``base_path``: serve
        under ``/<base_path>/`` (:attr:`url` ends in it)."""
        self.data_dir = data_dir
        self.port = port or free_port()
        base_path = base_path.strip("/")
        self.url = f"http://127.0.0.1:{self.port}" + (f"/{base_path}" if base_path else "")
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = log_path.open("w")
        pin = ["taskset", "-c", cpus] if cpus else []
        root = cwd or config.PROJECT_ROOT
        # The dashboard starts through ivb.run (its pages made from the start); another script, or an older
        # checkout without ivb/run.py (a benchmark's baseline), through streamlit run.
        launch = ["-m", "ivb.run"] if app == "app.py" and (root / "ivb" / "run.py").exists() else ["-m", "streamlit", "run", app]
        env = {**os.environ, **(env or {}), "IVB_DATA_DIR": str(data_dir)}
        # ivb.run puts the dashboard under SCHED_BATCH; a server started otherwise (the empty app, an older version)
        # gets the same policy here, so a floor or a baseline is measured on the same terms.
        batch = launch[1] != "ivb.run" and env.get("IVB_SCHED_BATCH", "1") != "0" and shutil.which("chrt")
        command = [
            *pin, *(["chrt", "--batch", "0"] if batch else []), sys.executable, *launch, "--server.headless", "true",
            "--server.port", str(self.port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            *(["--server.baseUrlPath", base_path] if base_path else []),
        ]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(command, cwd=root, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        self._poll = poll
        self.ready_seconds: float | None = None
        if not wait:
            return
        try:
            self._wait_healthy(timeout)
            if ready:
                self.wait_ready(timeout)
        except BaseException:
            self.stop()
            raise

    def wait_ready(self, timeout: float = 60) -> None:
        """Wait until the pages are made (the log says so); :attr:`ready_seconds` is then the time since the start."""
        wait_ready(Path(self._log.name), self.process, f"streamlit (log: {self._log.name})", timeout, self._poll)
        self.ready_seconds = time.perf_counter() - self.started

    def is_ready(self) -> bool:
        """Whether the server runs, its log says every page is made (ivb.run) and it answers its health check:
        one look, without waiting."""

        if self.process.poll() is not None or config.READY_LINE not in Path(self._log.name).read_text(errors="replace"):
            return False
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                return response.read().strip() == b"ok"
        except OSError:
            return False

    def _wait_healthy(self, timeout: float) -> None:
        wait_healthy(self.url, self.process, f"streamlit (log: {self._log.name})", timeout, self._poll)

    def stop(self) -> None:
        """Stop the server and close its log."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._log.close()
