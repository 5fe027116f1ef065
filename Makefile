# Field Guide: two commands set everything up.
#   make site   build the whole product into site/
#   make test   run every test
# Both create .venv and install the pinned dependencies (requirements.lock) on first use.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
UV       := uv==0.13.9
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BUILD    := .site-build

export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site test serve deps system lock clean snapshots bench profile anchors

## site: build the site and its PDF field guides into site/ (in a temporary folder first; site/ is replaced only when all succeeded)
site: deps system
	$(BIN)/python -m fieldguide.build --site-dir site

## test: run the whole test suite
test: deps system
	$(BIN)/python -m pytest

## snapshots: refresh the committed cost-table snapshots after an intended price change
snapshots: deps
	UPDATE_SNAPSHOTS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_cost_snapshots.py

## bench: benchmark builds, serving, page weight and Lighthouse; prints a table, writes .bench/results.json
bench: deps system
	$(BIN)/python -m fieldguide.bench

## profile: where a build spends its time (pyinstrument), written to .bench/profile.html and .bench/profile.txt
profile: deps
	mkdir -p .bench
	NO_MKDOCS_2_WARNING=1 $(BIN)/pyinstrument -r html -o .bench/profile.html -m mkdocs build --strict -d .bench/profile-site
	NO_MKDOCS_2_WARNING=1 $(BIN)/pyinstrument -r text -o .bench/profile.txt -m mkdocs build --strict -d .bench/profile-site
	@echo "Profile: .bench/profile.html (and .bench/profile.txt)"

## serve: live preview at http://127.0.0.1:8000; an edit rebuilds only its page (make site checks the whole site)
serve: deps
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dirty --no-strict

deps: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(UV)
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock -e .
	touch $(STAMP)

## system: Debian packages for the PDFs (WeasyPrint's Pango and HarfBuzz, DejaVu fonts), the browser tests and PDF checks (installed only when missing)
system:
	@missing=""; \
	for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do \
		dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

## lock: re-pin dependencies after editing pyproject.toml
lock: deps
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 -o requirements.lock

clean:
	rm -rf site $(BUILD) $(BUILD)-* $(VENV) .pytest_cache .bench .cache

## anchors: build the site and add the anchors it publishes to data/anchors.yml (never removes one)
anchors: deps
	$(BIN)/python -m fieldguide.anchors register
