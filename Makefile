# Two commands do all set-up on a fresh machine: `make all` and `make test`.
# Each creates (or reuses) the virtual environment in .venv with the pinned versions.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# The browser tests drive the system's Chromium (Debian's package; no browser download). Set CHROMIUM to use another.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build report student test lint unit browser lab notebooks lock clean help

help:
	@echo "make all        build data/processed, execute every notebook, write reports/"
	@echo "make test       ruff, unit tests, then nbval on every notebook"
	@echo "make lab        start JupyterLab on the notebooks"
	@echo "make student    write the student edition (notebooks and report without solutions) to student/"
	@echo "make notebooks  re-execute the notebooks in place (refresh their stored outputs)"
	@echo "make lock       re-pin requirements.lock after editing pyproject.toml"

$(BIN)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed; found $$($(PYTHON) --version 2>&1). Set PYTHON=/path/to/python3.11"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --python $(BIN)/python --quiet -r requirements.lock
	$(BIN)/uv pip install --python $(BIN)/python --quiet --no-deps -e .
	@touch $@

all: report

# Exit code 1 means some files were skipped (each named in a warning): the report is still written, and lists them.
build: $(BIN)/.installed
	$(BIN)/python -m helpers build || [ $$? -eq 1 ]

report: build
	$(BIN)/python -m helpers report

student: report
	$(BIN)/python -m helpers student

test: lint browser unit

browser:
	@if [ -z "$$CHROMIUM" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then \
		if command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's chromium for the browser tests"; \
			$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "The browser tests need Chromium or Chrome: install it, or set CHROMIUM=/path/to/chrome"; exit 1; \
		fi; \
	fi

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests benchmarks notebooks

unit: $(BIN)/.installed
	$(BIN)/python -m pytest tests $(NOTEBOOKS) $(NBVAL)

# Jupyter refuses root unless told; containers and some classroom machines run as root.
lab: $(BIN)/.installed
	$(BIN)/jupyter lab notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

notebooks: $(BIN)/.installed
	$(BIN)/python -m helpers execute --in-place

lock: $(BIN)/.installed
	$(BIN)/uv pip compile --universal --python-version 3.11 pyproject.toml --extra test --no-header -o requirements.lock
	sed -i.bak '1i # Every package the suite installs, pinned. Regenerate with `make lock` after editing pyproject.toml.' requirements.lock && rm -f requirements.lock.bak

clean:
	rm -rf build reports student test-artifacts
	find data/processed -mindepth 1 ! -name README.md -exec rm -rf {} +
