# One way to run things. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
BUILD_STAMP := data/.build-stamp
SOURCES := $(wildcard data/bronnen/*.csv)
BUILDER := ivb/build.py ivb/schema.py ivb/sources.py ivb/rules.py ivb/config.py
PORT ?= 8501

.PHONY: run test build lint clean load bench

$(INSTALLED): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 of nieuwer is nodig"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Rebuild the Parquet tables whenever a source or the builder changed.
$(BUILD_STAMP): $(INSTALLED) $(SOURCES) $(BUILDER)
	$(PY) -m ivb build
	touch $@

build: $(BUILD_STAMP)

run: build
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

test: build
	@test -x "$${IVB_CHROMIUM:-/usr/bin/chromium}" || echo "Let op: Chromium ontbreekt; de browsertests worden overgeslagen (apt-get install chromium)."
	$(PY) -m pytest

# Concurrent browser sessions against a local server; writes docs/LOAD.md (see bench/load.py).
load: build
	$(PY) bench/load.py --sessions 1 10 --seconds 60 --write docs/LOAD.md

# Crime page at 10^4..10^8 rows against a naive pandas peer and an empty page; writes docs/PERFORMANCE.md.
bench: build
	$(PY) bench/perf.py --sizes 1e4 1e6 1e7 3e7 1e8 --naive-max 3e7 --write docs/PERFORMANCE.md

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) $(BUILD_STAMP) .pytest_cache
