# Two commands do all set-up: `make serve` (site with live reload) and `make test` (all tests).
# Every target bootstraps .venv from the pinned dependencies when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve site check test test-serie browser-deps test-deps fuzz mutasjon bench lighthouse tilgjengelighet clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

# The preview server (macros/engine/serve/): builds once with MkDocs, then after a save only the
# pages that changed, with the search index catching up in the background.
serve: $(STAMP)
	$(BIN)/python -m macros.engine.serve --dev-addr 127.0.0.1:8000

site: $(STAMP)
	$(BIN)/mkdocs build --strict --clean --site-dir site

check: $(STAMP)
	$(BIN)/kulturskole sjekk

# Browser tests need Debian's Chromium (Playwright cannot download a browser here) and
# axe-core + the Nu Html Checker from npm. Installed when missing; a clear message if that fails.
CHROMIUM ?= /usr/bin/chromium
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "make test: npm mangler; installer Node.js og npm (apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error || { echo "make test: klarte ikke å installere npm-pakkene (axe-core, vnu-jar)"; exit 1; }
	@touch $(NODE_STAMP)

browser-deps: $(NODE_STAMP)
	@test -x $(CHROMIUM) || { \
	  echo "Installerer Chromium fra Debian (trengs av nettlesertestene) ..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	  test -x $(CHROMIUM) || { echo "make test: fant ikke $(CHROMIUM) og klarte ikke å installere Debian-pakken chromium"; exit 1; }; }
	@command -v java >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -qq default-jre-headless >/dev/null || { echo "make test: Java mangler (trengs av Nu Html Checker)"; exit 1; }; }

# The reproducible-build test runs two builds under Debian's faketime (libfaketime): installed when missing.
test-deps: browser-deps
	@command -v faketime >/dev/null || { \
	  echo "Installerer faketime fra Debian (trengs av testen for reproduserbare bygg) ..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -qq faketime >/dev/null || { $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq faketime >/dev/null; } || \
	  { echo "make test: klarte ikke å installere Debian-pakken faketime"; exit 1; }; }

# All the tests; then the fast ones again with every build in one process (KULTURSKOLE_PROSESSER=1,
# core/forked.py): the switch changes no result. The first run builds in parallel where the machine
# allows, and tests/test_serial_parallel.py compares whole sites built both ways.
test: $(STAMP) test-deps
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory test-serie

test-serie: $(STAMP)
	KULTURSKOLE_PROSESSER=1 $(BIN)/python -m pytest -m "not browser" --ignore=tests/browser \
	  --ignore=tests/test_serial_parallel.py --ignore=tests/test_reproducible.py -q

# Long fuzzing of the YAML reader, the loader, `kulturskole sjekk` and the case form against sjekk with fresh random examples
# (make test runs a short, fixed pass): `make fuzz MINUTER=30`. Failing examples are kept in .hypothesis/.
MINUTER ?= 10
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz_lang --minutter $(MINUTER)

# Mutation testing (issue 13.7): mutmut over the data core and the page generation, each mutant run
# with the fast tests that call the mutated function (no browser, no site builds). Slow: hours on two
# cores; `make mutasjon MUTANTER="macros.core*"` for the core only. `make mutasjon PROVE=400` runs a
# fixed random sample of the core's mutants instead (FRO=13 is the seed, scripts/mutasjon_utvalg.py)
# and reports the share killed with a 95 % confidence interval. The sample leaves out the slow tests
# in UTEN (scale, incremental rebuilds, the marker check), which check the site, not the core, so each
# surviving core mutant costs ~40 s instead of ~140 s. Survivors: tests/MUTASJON.md.
MUT_STAMP := $(VENV)/.mutasjon-installed
MUTANTER ?=
JOBB ?= 2
PROVE ?=
FRO ?= 13
UTEN ?= tests/test_scale.py tests/test_incremental.py tests/test_markers.py

$(MUT_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,mutasjon]'
	@touch $(MUT_STAMP)

ifeq ($(PROVE),)
mutasjon: $(MUT_STAMP)
	KS_MUTASJON=1 $(BIN)/mutmut run --max-children $(JOBB) $(MUTANTER)
	$(BIN)/python scripts/mutasjon_rapport.py
else
mutasjon: $(MUT_STAMP)
	$(BIN)/python scripts/mutasjon_utvalg.py $(PROVE) --frø $(FRO) --til mutants/utvalg.txt
	KS_MUTASJON=1 PYTEST_ADDOPTS="$(addprefix --ignore=,$(UTEN)) $(PYTEST_ADDOPTS)" \
	  $(BIN)/mutmut run --max-children $(JOBB) $$(cat mutants/utvalg.txt)
	$(BIN)/python scripts/mutasjon_rapport.py --utvalg mutants/utvalg.txt
endif

# Benchmark (issue 6): fictional datasets of 16, 357 and 2,000 cases, our build vs plain MkDocs +
# Material, search bytes (Debian's Chromium) and `mkdocs serve` latency; writes bench/RESULTS.md.
# Then the search's quality by category beside Pagefind, and ten queries at 2,000 cases (issue 19):
# bench/RESULTS-sok.md.
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,bench]'
	@touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	@test -x $(CHROMIUM) || echo "make bench: fant ikke $(CHROMIUM); søket måles ikke (make browser-deps installerer den)"
	$(BIN)/python bench/run.py
	$(BIN)/python scripts/measure_search.py --til bench/RESULTS-sok.md \
	  $$(test -d bench/work/n2000/ours/site && echo --skala bench/work/n2000/ours/site)

# Lighthouse (issue 12) behind a server that compresses like GitHub Pages: the five page types of the
# real site, three runs each (the median counts), then the explorer and a case at 2,000 fictional
# cases. Targets: performance >= 98, accessibility, best practices and SEO 100. Measure on a quiet
# machine: the CPU part of Lighthouse's simulation follows the machine's load.
lighthouse: site browser-deps
	$(BIN)/python scripts/lighthouse.py site --ganger 3
	$(BIN)/python scripts/lighthouse.py --caser 2000 --sider utforsk,case --ganger 3

# Runs the browser layer and, only when every test passed, copies its results into the data the
# accessibility statement shows (commit data/tilgjengelighet-resultater.json afterwards).
tilgjengelighet: $(STAMP) browser-deps
	$(BIN)/python -m pytest tests/browser
	$(BIN)/python scripts/update_a11y_results.py

clean:
	rm -rf site .venv .pytest_cache mutants .hypothesis
