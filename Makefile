# Field Guide: two commands set everything up.
#   make site   build the whole product into site/
#   make test   run every test
# Both create .venv and install the pinned dependencies (requirements.lock, every file
# checked against its hash) on first use. `make check` is the quick tier for the edit loop.

PYTHON   ?= python3
SERVE_ADDR ?= 127.0.0.1:8000
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
UV       := uv==0.13.9
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export PYTHONDONTWRITEBYTECODE := 1
# The project's own src/ first on the import path: a copy of the project builds with its own code.
export PYTHONPATH := $(CURDIR)/src

.PHONY: site test check serve deps system lock clean snapshots bench profile anchors

## site: build the site and its PDF field guides into site/ (in a temporary folder first; site/ is replaced only when all succeeded)
site: deps system
	$(BIN)/python -m fieldguide.build --site-dir site

## test: run every test, as CI does, on two workers (pytest-xdist; each test file stays on one worker)
test: deps system
	$(BIN)/python -m pytest -n 2 --dist loadfile

## check: the quick tier for the edit loop: unit, in-process and doctests, no browser, no full build
check: deps
	HYPOTHESIS_PROFILE=quick $(BIN)/python -m pytest -m "not build and not browser" -q

## snapshots: refresh the committed cost-table snapshots after an intended price change
snapshots: deps
	UPDATE_SNAPSHOTS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_snippets.py

## bench: benchmark builds, serving, page weight and Lighthouse; prints a table, writes .bench/results.json
bench: deps system
	$(BIN)/python tools/bench.py

## profile: where a build spends its time (pyinstrument), written to .bench/profile.html and .bench/profile.txt
profile: deps
	mkdir -p .bench
	$(BIN)/pyinstrument -r html -o .bench/profile.html -m properdocs build --strict -f mkdocs.yml -d .bench/profile-site
	$(BIN)/pyinstrument -r text -o .bench/profile.txt -m properdocs build --strict -f mkdocs.yml -d .bench/profile-site
	@echo "Profile: .bench/profile.html (and .bench/profile.txt)"

## serve: live preview at http://127.0.0.1:8000; an edit to docs/, data/ or snippets/ rebuilds only its page,
## an edit to src/ or overrides/ restarts the server with the new code (make site checks the whole site)
serve: deps
	$(BIN)/watchmedo auto-restart --directory=src --directory=overrides --recursive \
		--patterns="**/*.py;**/*.css;**/*.html;**/*.js" --debounce-interval 0.5 --signal SIGTERM -- \
		$(BIN)/python -m properdocs serve --dirty --no-strict -f mkdocs.yml -a $(SERVE_ADDR)

deps: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(UV)
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python --require-hashes --no-deps -r requirements.lock
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

## system: Debian packages for the PDFs (WeasyPrint's Pango and HarfBuzz, DejaVu fonts), the browser tests, PDF checks and npm tools (installed only when missing)
system:
	@missing=""; \
	for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do \
		dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

## lock: re-pin dependencies, with their hashes, after editing pyproject.toml
lock: deps
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf site .site-build-* $(VENV) .pytest_cache .bench .cache

## anchors: build the site and add the anchors it publishes to data/anchors.yml (never removes one)
anchors: deps
	$(BIN)/python -m fieldguide.build --anchors
