"""What a killed build or import leaves behind: staging directories that the next build removes (never the one of
a build that is running), and sources newer than the build, which ``python -m ivb.run`` names before it starts.

Every data directory here is the invented build of tests/fixtures.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures import INVENTED, write_invented

from ivb import config
from ivb.sources import freshness
from ivb.sources.build import build

# A build's first step, run in a process of its own: it makes and locks its staging directory, says which, and then
# either dies at once (kill -9, as a killed build) or waits until its stdin closes (a build that is still running).
STAGE = """
import os, signal, sys
from pathlib import Path
from ivb.sources.build import _stage
staging, held = _stage(Path(sys.argv[1]))
print(staging, flush=True)
if sys.argv[2] == "kill":
    os.kill(os.getpid(), signal.SIGKILL)
sys.stdin.read()
"""


def staged_by_another_process(builds: Path, how: str) -> tuple[subprocess.Popen, Path]:
    process = subprocess.Popen([sys.executable, "-c", STAGE, str(builds), how], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    staging = Path(process.stdout.readline().strip())
    assert staging.name.startswith(".staging-") and staging.is_dir(), "the other process made no staging directory"
    return process, staging


def test_the_staging_directory_of_a_killed_build_is_removed_by_the_next_build(tmp_path):
    data = write_invented(tmp_path / "d")
    builds = data / config.BUILDS_DIR
    process, staging = staged_by_another_process(builds, "kill")
    assert process.wait() == -9
    (staging / "waarden.parquet").write_bytes(b"half geschreven")
    older = builds / ".staging-van-een-oudere-versie"  # left by a build from before the lock
    older.mkdir()
    build(data / "bronnen", data)
    assert not staging.exists() and not older.exists()
    assert sorted(p.name for p in builds.iterdir() if p.name.startswith(".")) == [".lock"]


def test_the_staging_directory_of_a_running_build_stays(tmp_path):
    data = write_invented(tmp_path / "d")
    process, staging = staged_by_another_process(data / config.BUILDS_DIR, "wait")
    try:
        build(data / "bronnen", data)
        assert staging.is_dir(), "a build removed the staging directory of a build that is still running"
    finally:
        process.communicate("", timeout=60)
    build(data / "bronnen", data)  # that build is gone now: its directory is a leftover
    assert not staging.exists()


def test_run_is_silent_when_the_build_was_made_from_the_sources_it_finds(tmp_path):
    assert freshness.warning(write_invented(tmp_path / "d")) is None


def test_run_names_sources_changed_after_the_build(tmp_path):
    data = write_invented(tmp_path / "d")
    # As a killed import leaves them: a new invented source written, no build after it.
    values = INVENTED["waarden"].replace("woninginbraken,2020,Zoetermeer,,realisatie,25,", "woninginbraken,2020,Zoetermeer,,realisatie,26,")
    (data / "bronnen/GM0637/waarden.csv").write_text(values, encoding="utf-8")
    said = freshness.warning(data)
    assert said and "zijn gewijzigd na de build die het dashboard toont" in said and "make build" in said
    assert config.tables_dir(data).name in said
    build(data / "bronnen", data)
    assert freshness.warning(data) is None


def test_other_bytes_that_give_the_same_tables_keep_the_build_and_update_its_digest(tmp_path):
    data = write_invented(tmp_path / "d")
    published = config.tables_dir(data)
    # The same invented rows with Windows line ends: the same tables, other bytes.
    (data / "bronnen/GM0637/waarden.csv").write_bytes(INVENTED["waarden"].replace("\n", "\r\n").encode())
    assert freshness.warning(data)
    build(data / "bronnen", data)
    assert config.tables_dir(data) == published, "the digest of the sources changed the build id"
    assert freshness.warning(data) is None


def test_run_names_a_build_that_does_not_say_which_sources_it_was_made_from(tmp_path):
    data = write_invented(tmp_path / "d")
    manifest = config.tables_dir(data) / config.MANIFEST_FILE
    old = json.loads(manifest.read_text())
    del old[freshness.MANIFEST_KEY]  # as a build from before this check wrote it
    manifest.write_text(json.dumps(old))
    said = freshness.warning(data)
    assert said and "zegt niet uit welke bronnen hij is gebouwd" in said and "make build" in said


@pytest.mark.parametrize("garbage", ["", "geen-versie\n"])
def test_run_names_a_current_file_that_names_no_build(tmp_path, garbage):
    data = write_invented(tmp_path / "d")
    (data / config.CURRENT_FILE).write_text(garbage)
    said = freshness.warning(data)
    assert said and config.CURRENT_FILE in said and "make build" in said


def test_run_is_silent_without_sources_as_in_the_docker_image(tmp_path):
    data = write_invented(tmp_path / "d")
    shutil.rmtree(data / "bronnen")  # the shared sources and every gemeente's own
    assert freshness.warning(data) is None
