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


class LocalServer:
    """A running dashboard on 127.0.0.1 that reads ``data_dir`` and logs to ``log_path``."""

    def __init__(self, data_dir: Path, log_path: Path, timeout: float = 60) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = log_path.open("w")
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
            "--server.port", str(self.port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
        ]
        env = {**os.environ, "IVB_DATA_DIR": str(data_dir)}
        self.process = subprocess.Popen(command, cwd=config.PROJECT_ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        try:
            self._wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit stopped with code {self.process.returncode}; see {self._log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not answer /_stcore/health within {timeout:.0f} s")

    def stop(self) -> None:
        """Stop the server and close its log."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._log.close()
