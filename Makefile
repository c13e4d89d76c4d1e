# Two commands do all the set-up on a fresh machine (Python 3.11):
#   make run   - create .venv, build the tables from seeds/, open the dashboard
#   make test  - create .venv, check lint, format and types, run the tests
# .venv is installed from requirements.lock: the versions CI tested.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TABLES := data/processed
# Where `make run` listens: this machine only unless told on the command line (make run HOST=0.0.0.0);
# `:=` so that a HOST variable in the environment (zsh sets one) does not open it up.
HOST   := localhost
PORT   := 8501

# The default test run leaves out tests marked slow (the browser tests among them);
# CI (CI=true) and `make test-all` run them too, after the others and on their own,
# so that no other test competes with the browser for the cores.
IN_CI := $(filter true 1 yes,$(CI))

.PHONY: run build test test-all lint evaluate benchmark loadtest browser lock clean

$(STAMP): pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
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
	$(VENV)/bin/mypy

test: lint browser
	$(PY) -m pytest -n auto -m "not slow"
	$(if $(IN_CI),$(PY) -m pytest -m slow)

test-all: lint browser
	$(PY) -m pytest -n auto -m "not slow"
	$(PY) -m pytest -m slow

# The build on 2,000 generated articles (1 and 2 processes, against spaCy's tokenizer), an incremental
# rebuild, and the dashboard's figures: a few minutes. The full build figures (20,000 articles, a rebuild
# in 10,000) take about half an hour: make benchmark BENCH="--sizes 2000 20000 --incremental 10000".
BENCH :=
benchmark: $(STAMP)
	$(PY) -m benchmarks.run $(BENCH)

# 20 websocket sessions changing filters for a minute against one server on loopback,
# on the seeds' tables and on a generated 100,000-event table (a few minutes in all).
loadtest: $(STAMP)
	$(PY) -m benchmarks.loadtest

# Re-pin requirements.lock after changing the dependencies in pyproject.toml.
lock: $(STAMP)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 --quiet -o requirements.lock

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache

# The optional sentence classifier (data_prep/training/README.md): the development sets' gold
# sentences, a spaCy textcat trained on them (fixed seed), and the leave-one-set-out comparison
# with the rules. Writes under $(MODEL_WORK); nothing in the build reads it.
MODEL_WORK := data/textcat
.PHONY: model model-loso
model: $(STAMP)
	mkdir -p $(MODEL_WORK)
	$(PY) -m data_prep.training.sentences $(MODEL_WORK)/sentences.jsonl
	$(PY) -m data_prep.training.corpus $(MODEL_WORK)/sentences.jsonl $(MODEL_WORK)/train.spacy
	$(PY) -m spacy train data_prep/training/textcat.cfg --output $(MODEL_WORK)/model \
	  --paths.train $(MODEL_WORK)/train.spacy --paths.dev $(MODEL_WORK)/train.spacy

model-loso: $(STAMP)
	rm -rf $(MODEL_WORK)/loso
	mkdir -p $(MODEL_WORK)
	$(PY) -m data_prep.training.sentences $(MODEL_WORK)/sentences.jsonl
	$(PY) -m data_prep.training.loso $(MODEL_WORK)/sentences.jsonl $(MODEL_WORK)/loso --grid
