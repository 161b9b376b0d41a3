# The README's two fresh-machine commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SCALE ?= demo
PORT ?= 8501

.PHONY: run test lint bench data clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.deps: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.deps

## run: install, build the embedded demo database if it is empty, start the dashboard
run: $(VENV)/.deps
	$(PY) -m data_access.generate --scale demo --if-empty
	$(PY) -m streamlit run app.py --server.address localhost --server.port $(PORT)

## data: (re)build the generated world at SCALE=demo|national
data: $(VENV)/.deps
	$(PY) -m data_access.generate --scale $(SCALE)

## test: install test dependencies and run the whole suite
test: $(VENV)/.dev-deps
	$(PY) -m pytest -n 2 --dist loadgroup

lint: $(VENV)/.dev-deps
	$(PY) -m ruff check .

## bench: query timings (JSON lines) at SCALE=demo|national; PG_URL=postgresql://… adds
## PostgreSQL side by side (built at SCALE when empty)
bench: $(VENV)/.dev-deps
	$(PY) -m bench --scale $(SCALE) $(if $(PG_URL),--pg $(PG_URL))

clean:
	rm -rf $(VENV) data/*.duckdb data/*.duckdb.wal
