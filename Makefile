# The two commands the README opens with: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test lint bench clean

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
	$(BIN)/python -m pytest

lint: $(BIN)/mailbot
	$(BIN)/ruff check mailbot tests benchmarks scripts
	$(BIN)/mypy

bench: $(BIN)/mailbot
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
