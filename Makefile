# The two commands the README opens with: `make demo` and `make test`; `make check` is the inner loop.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test check lint bench eval clean

# parallel workers, one per core; a worker that finishes early takes tests from the others
WORKERS ?= auto
PYTEST   = $(BIN)/python -m pytest -n $(WORKERS) --dist worksteal

$(BIN)/mailbot: pyproject.toml
	@# Debian ships venv's pip bootstrap separately (python3-venv): install it when we may
	$(PYTHON) -m venv $(VENV) || { [ "$$(id -u)" = 0 ] && rm -rf $(VENV) \
	  && apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); } \
	  || { echo "cannot create $(VENV): install python3-venv (apt-get install python3-venv)"; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/mailbot

demo: $(BIN)/mailbot
	$(BIN)/mailbot demo

test: $(BIN)/mailbot
	$(PYTEST)

# the inner loop, under a minute: ruff, mypy and every test that starts no server or browser
check: $(BIN)/mailbot
	$(BIN)/ruff check mailbot tests benchmarks scripts eval
	$(BIN)/mypy
	$(PYTEST) -q -m "not integration"

# the reading benchmark: mail written by people who never saw the rules (eval/README.md); prints figures
eval: $(BIN)/mailbot
	$(BIN)/python -m eval

lint: $(BIN)/mailbot
	$(BIN)/ruff check mailbot tests benchmarks scripts eval
	$(BIN)/mypy

bench: $(BIN)/mailbot
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
