# Two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed-stamp
PYTEST_ARGS ?= -n 2

.PHONY: install demo serve test lint typecheck pytest bench messages clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# axe-core for the browser tests' accessibility check, pinned in package.json.
node_modules/axe-core/axe.min.js: package.json
	npm install --no-package-lock --no-audit --no-fund --silent
	touch $@

install: $(STAMP) node_modules/axe-core/axe.min.js


# The main job: an embedded SQLite database with the national demo tree, then the server.
demo: $(STAMP)
	$(BIN)/daihoi migrate --verbosity 0
	$(BIN)/daihoi demo
	$(BIN)/daihoi serve

serve: $(STAMP)
	$(BIN)/daihoi serve

# The whole suite: lint, types, then every test (set DATABASE_URL for PostgreSQL).
test: lint typecheck pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: install
	$(BIN)/mypy daihoi
	$(BIN)/mypy --strict daihoi/lib

pytest: install
	$(BIN)/pytest $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/tree.py

messages: install
	cd daihoi && ../$(BIN)/daihoi makemessages -l en --no-obsolete && ../$(BIN)/daihoi compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
