"""A local `streamlit run app.py` on a free port, for the browser tests and the load benchmark.

Started as a child process with its own data directory (``IVB_DATA_DIR``); ready once
``/_stcore/health`` answers ``ok``; stopped with :meth:`LocalServer.stop`.
"""

from __future__ import annotations

import os
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
            raise RuntimeError(f"{what} stopped with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(poll)
    raise RuntimeError(f"{what} did not answer /_stcore/health within {timeout:.0f} s")


class LocalServer:
    """A running dashboard on 127.0.0.1 that reads ``data_dir`` and logs to ``log_path``."""

    def __init__(self, data_dir: Path, log_path: Path, timeout: float = 60, app: str = "app.py",
                 cpus: str | None = None, port: int | None = None, poll: float = 0.3,
                 cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
        """``app``: the script to serve (relative to the project); ``cpus``: pin the server to these cores
        (``taskset -c``), so that load figures compare between machines."""
        self.data_dir = data_dir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = log_path.open("w")
        pin = ["taskset", "-c", cpus] if cpus else []
        command = [
            *pin, sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true",
            "--server.port", str(self.port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
        ]
        env = {**os.environ, **(env or {}), "IVB_DATA_DIR": str(data_dir)}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(command, cwd=cwd or config.PROJECT_ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        self._poll = poll
        try:
            self._wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise

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
