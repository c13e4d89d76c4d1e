# Two commands do all the set-up on a fresh machine (Python 3.11):
#   make run   - create .venv, build the tables from seeds/, open the dashboard
#   make test  - create .venv, run the whole test suite (browser tests included)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TABLES := data/processed
# Where `make run` listens: this machine only unless told on the command line (make run HOST=0.0.0.0);
# `:=` so that a HOST variable in the environment (zsh sets one) does not open it up.
HOST   := localhost
PORT   := 8501

.PHONY: run build test lint evaluate benchmark loadtest browser clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Rebuild when an article, the manifest, the codebook or the code is newer than the tables.
$(TABLES)/events.parquet: $(STAMP) $(wildcard seeds/*) $(wildcard data_prep/codebook/*) $(wildcard data_prep/*.py)
	$(PY) -m data_prep build seeds --out $(TABLES)

build: $(TABLES)/events.parquet

run: build
	$(VENV)/bin/streamlit run dashboard/app.py --server.address $(HOST) --server.port $(PORT)

evaluate: build
	$(PY) -m data_prep evaluate eval/seeds/seeds_gold.json --tables $(TABLES)

# Debian's Chromium for the real-browser tests (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint browser
	$(PY) -m pytest

benchmark: $(STAMP)
	$(PY) -m benchmarks.run

# 20 websocket sessions changing filters for a minute against one server on loopback,
# on the seeds' tables and on a generated 100,000-event table (a few minutes in all).
loadtest: $(STAMP)
	$(PY) -m benchmarks.loadtest

clean:
	rm -rf $(VENV) data .pytest_cache
