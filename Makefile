# The two commands in the README: `make demo` and `make test`. Everything else is here for them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test test-fast bench clean

# Installs exactly the locked versions into .venv, then Vigil itself (editable).
$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment: install Python's venv module (Debian: apt-get install python3-venv) and run make again." >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/vigil demo

test: install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

bench: install
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) vigil.duckdb demo-output
