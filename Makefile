# The two commands a newcomer needs: `make reports` and `make test`.
# Both create .venv on first use and install the pinned dependencies.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Extra options for the build, e.g. `make reports BUILD_OPTS="--lang en --force"`.
BUILD_OPTS ?=

.DEFAULT_GOAL := help
.PHONY: help setup reports test fast mutants lint lab bench bench-build bench-pdf demo lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-9s %s\n", $$1, $$2}'

# The pinned dependencies go in with uv (measured here, side by side with a test run:
# 70 s, where pip took 8 min 20 s);
# if uv cannot be had, pip installs the same lock.
UV_VERSION := 0.13.8

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	( $(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION) \
	  && $(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.lock ) \
	|| $(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

setup: $(STAMP) ## create .venv and install the pinned dependencies

reports: $(STAMP) ## build every report from the shipped default data into reports/
	$(PY) -m analysis build $(BUILD_OPTS)

test: $(STAMP) ## lint, check notebooks, run the whole test suite
	$(PY) -m ruff check src tests notebooks benchmarks
	$(PY) -m ruff format --check --quiet src tests notebooks benchmarks
	$(PY) -m pytest -n 2 --dist loadfile --durations=25

fast: $(STAMP) ## the fast suite: no notebooks, no browser, no chart rendering (under a minute)
	$(PY) -m pytest -m "not slow and not browser and not charts" --hypothesis-profile=fast -q -n 2

mutants: $(STAMP) ## mutation testing of the core modules against the fast suite (see docs/testing.md)
	@# mutmut keeps a file it only copied as "unmodified" for good: start afresh when the config changes
	@if [ mutants -ot pyproject.toml ]; then rm -rf mutants; fi
	$(VENV)/bin/mutmut run --max-children 2
	$(PY) -m tests.mutation_score

lint: $(STAMP) ## ruff over the package, tests and notebooks
	$(PY) -m ruff check src tests notebooks benchmarks

lab: $(STAMP) ## open JupyterLab on the project
	$(VENV)/bin/jupyter lab --notebook-dir=.

bench: $(STAMP) ## run the benchmarks, write benchmarks/results/
	$(PY) benchmarks/run.py

bench-build: $(STAMP) ## only the build benchmark (small and full build against the plain chain)
	$(PY) benchmarks/run.py --only build

bench-pdf: $(STAMP) ## only what build --pdf adds (full build and the 420-meeting city, with and without)
	$(PY) benchmarks/run.py --only pdf

demo: $(STAMP) ## regenerate the synthetic demo register (same seed, same bytes)
	$(PY) -m analysis demo

lock: ## re-resolve and pin every dependency into requirements.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
	.lock-venv/bin/pip freeze --exclude-editable --exclude analysis | sort -f > requirements.lock
	rm -rf .lock-venv

clean: ## remove disposable outputs (reports/, data/processed/)
	rm -rf reports
	find data/processed -type f ! -name README.md -delete
