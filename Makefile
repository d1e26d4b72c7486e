# One way to run things. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Two malloc arenas instead of up to eight per core: Streamlit runs every page in a thread of its own (docs/DEPLOY.md).
export MALLOC_ARENA_MAX ?= 2
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
LOCK := requirements.lock
TEST_LOCK := requirements-test.lock
BUILD_STAMP := data/.build-stamp
SOURCES := $(wildcard data/bronnen/*.csv data/bronnen/GM*/*.csv)
BUILDER := $(wildcard ivb/sources/*.py) ivb/config.py ivb/gemeente.py ivb/indicators.py
PORT ?= 8501
# The gemeente to serve (its CBS code, e.g. GM0546); empty: IVB_GEMEENTE, else GM0637 (ivb/gemeente.py).
GEMEENTE ?= $(IVB_GEMEENTE)

.PHONY: run test build lint clean load bench lock update serve capacity soak months-bench

# Installs come from the lock files only: exact versions with hashes (pip then checks every file), pip and setuptools
# included. $(LOCK) holds what the dashboard runs on and nothing else (the Docker image installs only that one);
# $(TEST_LOCK) adds the test tools (pytest, ruff, playwright, ...) at the same versions for everything they share.
# The project itself goes in editable without resolving again (its dependencies are already in the lock).
$(INSTALLED): pyproject.toml $(LOCK)
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 of nieuwer is nodig"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(TEST_INSTALLED): $(INSTALLED) $(TEST_LOCK)
	$(PY) -m pip install --quiet --require-hashes -r $(TEST_LOCK)
	touch $@

# Upgrading is a deliberate change: `make lock` resolves the ranges in pyproject.toml again to the newest releases and
# rewrites both locks with hashes; review the diff, run `make test`, commit them together. Keep the current pins and
# only follow a change in pyproject.toml: `make lock LOCK_UPGRADE=`; one package:
# `make lock LOCK_UPGRADE='--upgrade-package streamlit'`. The test lock is resolved first (runtime and test extra
# together); the runtime lock then from the runtime dependencies alone, with the test lock as constraint: exactly the
# versions the tests ran on, without whatever only the test tools need. pip and setuptools (the build backend, used
# without build isolation above) are pinned in both.
LOCK_UPGRADE ?= --upgrade
LOCK_TOOLS := pip==26.3 pip-tools==7.6.2
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock:
	set -e; tools=$$(mktemp -d); trap 'rm -rf "$$tools"' EXIT; \
	$(PYTHON) -m venv "$$tools"; \
	"$$tools/bin/python" -m pip install --quiet $(LOCK_TOOLS); \
	printf 'pip\nsetuptools>=77\n' | CUSTOM_COMPILE_COMMAND='make lock' "$$tools/bin/pip-compile" $(LOCK_FLAGS) \
		--extra test $(LOCK_UPGRADE) --output-file $(TEST_LOCK) pyproject.toml -; \
	printf 'pip\nsetuptools>=77\n' | CUSTOM_COMPILE_COMMAND='make lock' "$$tools/bin/pip-compile" $(LOCK_FLAGS) \
		--upgrade --constraint $(TEST_LOCK) --output-file $(LOCK) pyproject.toml -

# Rebuild the Parquet tables whenever a source or the builder changed.
$(BUILD_STAMP): $(INSTALLED) $(SOURCES) $(BUILDER)
	$(PY) -m ivb build
	touch $@

build: $(BUILD_STAMP)

# The package compiled ahead (as in the Docker image): a Python with PYTHONDONTWRITEBYTECODE set would compile
# every module again on every start, about 0,2 s of the cold start.
run: build
	$(PY) -m compileall -q ivb
	IVB_GEMEENTE=$(GEMEENTE) $(PY) -m ivb.run --server.port $(PORT)

test: $(TEST_INSTALLED) build
	@test -x "$${IVB_CHROMIUM:-/usr/bin/chromium}" || echo "Let op: Chromium ontbreekt; de browsertests worden overgeslagen (apt-get install chromium)."
	$(PY) -m pytest

# Fetch 47018NED, 70072ned and 85984NED from CBS open data (online) and import them with the same checks as by hand;
# offline, or when any step fails, it says why and changes nothing.
update: $(INSTALLED)
	IVB_GEMEENTE=$(GEMEENTE) $(PY) -m ivb update

# Concurrent browser sessions against a local server; writes docs/LOAD.md (see bench/load.py).
load: $(TEST_INSTALLED) build
	$(PY) bench/load.py --sessions 1 10 --seconds 60 --write docs/LOAD.md

# N dashboard processes behind nginx (Debian's package), each browser kept on one process; see docs/DEPLOY.md.
# GEMEENTEN="GM0637 GM0546": N processes per gemeente, each under its own path (/zoetermeer/, /leiden/), a list on /.
N ?= 2
SERVE_PORT ?= 8080
GEMEENTEN ?=
serve: build
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { echo "nginx ontbreekt: apt-get install nginx"; exit 1; }
	$(PY) -m compileall -q ivb
	IVB_GEMEENTE=$(GEMEENTE) $(PY) -m ivb.serve --replicas $(N) --port $(SERVE_PORT)$(if $(strip $(GEMEENTEN)), --gemeenten $(GEMEENTEN))

# Readers over Streamlit's protocol (no browser), the server pinned to one core; writes docs/LOAD.md and the
# page-cost section of docs/PERFORMANCE.md (bench/proto_load.py, bench/page_cost.py). About 20 minutes.
capacity: $(TEST_INSTALLED) build
	$(PY) bench/proto_load.py --sessions 10 --think 0 --seconds 60 --floor --marker doorvoer --write docs/LOAD.md
	$(PY) bench/proto_load.py --sessions 1 10 25 50 75 100 --think 5 --seconds 60 --floor --marker lezers --write docs/LOAD.md
	$(PY) bench/proto_load.py --replicas 1 2 --sessions 50 100 150 --think 5 --seconds 60 --marker replicas --write docs/LOAD.md
	$(PY) bench/proto_load.py --replicas 1 2 --sessions 20 --think 0 --seconds 45 --marker replicas-doorvoer --write docs/LOAD.md
	$(PY) bench/proto_load.py --replicas 1 --gemeenten GM0637 GM0546 --sessions 50 --think 5 --seconds 60 --marker gemeenten --write docs/LOAD.md
	$(PY) bench/page_cost.py --runs 100 --cold 5 --write docs/PERFORMANCE.md

# Fifty readers for an hour: the server's memory, one sample a minute, into docs/LOAD.md. The first half fills the
# caches (every page, filter and choice the readers meet); the second half shows whether the memory then stays flat.
soak: $(TEST_INSTALLED) build
	$(PY) bench/proto_load.py --sessions 50 --think 5 --seconds 3600 --marker lek --write docs/LOAD.md

# Crime page at 10^4..10^8 rows against a naive pandas peer and an empty page; writes docs/PERFORMANCE.md.
bench: build
	$(PY) bench/perf.py --sizes 1e4 1e6 1e7 3e7 1e8 --naive-max 3e7 --write docs/PERFORMANCE.md

# A wijk's last 12 months with a synthetic national 47022NED file of one year (12 M rows, under artifacts/): the import
# and the query, into docs/PERFORMANCE.md (bench/months.py). A few minutes; the import alone needs about 5 GB.
months-bench: build
	$(PY) bench/months.py --regenerate --write docs/PERFORMANCE.md

lint: $(TEST_INSTALLED)
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) $(BUILD_STAMP) .pytest_cache
