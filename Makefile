# The two commands of the README:
#   make catalogue   set everything up, then render data/ to out/
#   make test        set everything up, then run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: catalogue test lint setup clean

catalogue: setup
	$(BIN)/brochure build data -o out

test: setup
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check brochure tests bench
	$(BIN)/ruff format --check brochure tests bench
	$(BIN)/mypy

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml scripts/install-system-deps
	sh scripts/install-system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

clean:
	rm -rf $(VENV) out
