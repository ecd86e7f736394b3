# govmedia: `make run` sets up and runs the main job, `make test` sets up and runs the tests.
# Works on a bare Debian machine with Python 3.11: everything else is installed from here.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120

.PHONY: setup run test bench clean-data help

help:
	@echo "make run    set up .venv and run the pipeline (live China Daily, sample web when offline) into ./data"
	@echo "make test   set up .venv and run the offline test suite"
	@echo "make bench  print pipeline and cleaning throughput against a bare trafilatura loop"

$(STAMP): pyproject.toml
	@# Debian's python3 ships without venv/ensurepip until python3-venv is installed.
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { \
	  echo "installing Debian's python3-venv"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip uv
	$(BIN)/uv pip install -q --python $(BIN)/python -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

# Every source, politely, 20 articles each (the bundled sample web for sources that cannot be reached).
run: setup
	$(BIN)/govmedia run --sources all --max-pages 20

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/clean.py

clean-data:
	rm -rf data
