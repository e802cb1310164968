# BERT Lab: `make lab` opens the course, `make test` runs every test. Both install into .venv first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.install-stamp
NB     ?=

.PHONY: install lab test test-unit explorer bench execute train lint clean

install: $(STAMP)

# Reinstall only when the pins or the package metadata change.
$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Jupyter refuses to run as root unless told; laptops rarely are root, containers often are.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: install
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) notebooks/

# Every test: unit tests, data checks, and every notebook under nbval in fast mode.
test: install
	BERT_LAB_FAST=1 $(PY) -m pytest $(if $(NB),notebooks/$(NB) tests/test_notebook_style.py,)

# Unit tests only (no notebook is executed): quick feedback while editing the package.
test-unit: install
	$(PY) -m pytest tests -m "not notebook"

explorer: install
	$(VENV)/bin/voila --no-browser --Voila.ip=127.0.0.1 notebooks/app/bert_explorer.ipynb

# Run every notebook in learner mode and record times, memory and metrics (ONLY="05 07" for a subset).
bench: install
	$(PY) scripts/bench.py $(if $(ONLY),--only $(ONLY),)

# Re-execute notebooks in learner mode and store their outputs (NB=01_tokenization.ipynb for one).
execute: install
	$(PY) scripts/execute_notebooks.py $(if $(NB),notebooks/$(NB),notebooks/*.ipynb)

# Fine-tune one task on a whole dataset (python -m bertviz_lite.train), e.g.
#   make train TASK=sst2 DATA=~/data/SST-2 ARGS="--epochs 2 --output runs/sst2-full"
TASK ?=
DATA ?=
ARGS ?=
train: install
	$(PY) -m bertviz_lite.train $(TASK) $(if $(DATA),--data $(DATA),) $(ARGS)

lint: install
	$(VENV)/bin/ruff check bertviz_lite tests scripts

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
