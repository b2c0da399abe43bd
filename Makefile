PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: install run test lint mail migrate seed create-admin check-config bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python -m infra.local run

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy app.py chalicelib functions infra

mail: install
	$(BIN)/python -m infra.local mail

migrate: install
	$(BIN)/python -m infra.local migrate

seed: install
	$(BIN)/python -m infra.local seed

create-admin: install
	$(BIN)/python -m infra.local create-admin

check-config: install
	$(BIN)/python -m infra.local check-config

clean:
	rm -rf $(VENV) .local .pytest_cache .mypy_cache .ruff_cache
