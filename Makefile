# The README's two fresh-machine commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SCALE ?= demo
PORT ?= 8501

.PHONY: run test lint bench data clean deploy-check

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.deps: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.deps

## run: install, build the embedded demo database if it is empty and the map boundary cache
## if it is missing (both quick when present), start the dashboard
run: $(VENV)/.deps
	$(PY) -m data_access.generate --scale demo --if-empty
	$(PY) -m data_access.geo prebuild
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

## deploy-check: PROCESSES Streamlit processes + nginx on loopback, on the PostgreSQL
## database DB (default $$DASHBOARD_DB_URL; it must hold data), the load benchmark with
## SESSIONS sessions through the proxy, then everything stopped
PROCESSES ?= 2
SESSIONS ?= 4
ROUNDS ?= 1
DB ?= $(DASHBOARD_DB_URL)
deploy-check: $(VENV)/.dev-deps
	$(PY) -m bench.deploy --db-url "$(DB)" --processes $(PROCESSES) --sessions $(SESSIONS) --rounds $(ROUNDS)

clean:
	rm -rf $(VENV) data/*.duckdb data/*.duckdb.wal
