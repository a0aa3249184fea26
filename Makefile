# Quick start: `make demo` (install + build the bundled example corpus + print its timeline)
#              `make test` (install + run the test suite)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := examples/demo.db

.PHONY: install demo test bench clean

$(BIN)/storyline: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(BIN)/storyline

install: $(BIN)/storyline

demo: install
	rm -f $(DEMO_DB)
	$(BIN)/storyline build examples/harbour --db $(DEMO_DB)
	$(BIN)/storyline timeline --db $(DEMO_DB)
	@echo
	@echo "Read it in the browser:  $(BIN)/storyline serve --db $(DEMO_DB)   (then open http://127.0.0.1:8000/)"

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/build_speed.py

clean:
	rm -rf $(VENV) $(DEMO_DB) *.egg-info
