# The two commands of the README:
#   make catalogue   set everything up, then render data/ to out/
#   make test        set everything up, then run the test suite
# and:
#   make lint        ruff, mypy --strict and the import layers (import-linter)
#   make test-slow   the tests marked slow (a wheel build, large catalogues)
#   make fuzz        the property-based tests with thousands of examples each
#   make lock        refresh requirements/lock.txt after changing pyproject.toml
#   make pictures    the README's pictures (docs/images/): the reference sheet's
#                    pages by brochure preview, the booklet's cover and contents
#
# `make setup` installs exactly the versions of requirements/lock.txt (pip
# included), wheels only, every file checked against its hash; the venv is made
# anew when the lock changes and holds nothing else (Python 3.11's venv brings
# setuptools, which nothing needs: it is removed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements/lock.txt
LOCK_PIP := requirements/pip.in
PIP_TOOLS := pip-tools==7.6.2

.PHONY: catalogue test test-slow fuzz lint setup lock clean pictures

catalogue: setup
	$(BIN)/brochure build data -o out

test: setup
	$(BIN)/pytest

test-slow: setup
	$(BIN)/pytest -m slow

fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -n 0 tests/source/test_yamlfile_fuzz.py tests/importers/test_fuzz.py

lint: setup
	$(BIN)/ruff check brochure tests bench
	$(BIN)/ruff format --check brochure tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# The README's pictures: the reference career's two pages, as brochure preview
# makes them. Run after changing the look, then review and commit the images.
pictures: setup
	$(BIN)/brochure preview data/careers/prompt-engineer.yaml -o docs/images --dpi 70
	rm -rf .pictures && mkdir .pictures
	$(BIN)/brochure book data -o .pictures/livret.pdf --sheets .pictures/sheets -q \
		--title "Forum des métiers" --organisation "CIO de Lyon" --date 2026-09-01
	pdftoppm -png -r 50 -f 1 -l 1 -singlefile .pictures/livret.pdf docs/images/booklet-cover
	pdftoppm -png -r 50 -f 3 -l 3 -singlefile .pictures/livret.pdf docs/images/booklet-contents
	rm -rf .pictures

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml $(LOCK) scripts/install-system-deps
	sh scripts/install-system-deps
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps --only-binary :all: -r $(LOCK)
	$(BIN)/pip uninstall --yes --quiet --quiet setuptools
	$(BIN)/pip install --quiet --no-deps --no-build-isolation --editable .
	$(BIN)/pip check
	touch $@

# A throwaway environment in a temporary folder, with a pinned pip-tools,
# resolves pyproject.toml's ranges (and pip itself, $(LOCK_PIP)) to the newest
# releases and records every file's hash. It never writes an index address.
lock:
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp/venv" && \
	"$$tmp/venv/bin/pip" install --quiet $(PIP_TOOLS) && \
	CUSTOM_COMPILE_COMMAND="make lock" "$$tmp/venv/bin/pip-compile" --quiet --upgrade \
		--generate-hashes --allow-unsafe --extra test --strip-extras \
		--no-emit-index-url --no-emit-find-links \
		--output-file $(LOCK) pyproject.toml $(LOCK_PIP)

clean:
	rm -rf $(VENV) out
