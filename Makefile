PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: install run api web bench-web test test-frontend lint mail migrate seed create-admin check-config bench clean synth deploy

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# `make run`: the whole platform and the web app built for it (rebuilt only when frontend/ changed)
# on http://127.0.0.1:5173. To work on the web app with hot reload: `make api` (the same stack
# without the built app) and `make web` (Vite's dev server on the same port) side by side.
run: install
	$(BIN)/python -m infra.local run --web

api: install
	$(BIN)/python -m infra.local run

web: install
	$(BIN)/python -m infra.local web-dev

# The web app's budgets: first-visit JavaScript of each route, then Lighthouse (mobile, slow 4G)
# on the search, product and cart pages of the stack `make run` is running.
bench-web: install
	cd frontend && node scripts/bench-web.mjs

test: install
	$(BIN)/python -m pytest
	frontend/scripts/test-all.sh

test-frontend: install
	frontend/scripts/test-all.sh

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

# The AWS deployment (infra/aws): `make synth` writes cdk.out/ offline (STAGE=dev unless given;
# more context with CDK_CONTEXT="-c domain=... -c alarm_email=..."); `make deploy STAGE=prod`
# synthesizes that stage and deploys it with the CDK CLI pinned in infra/aws/package.json, to the
# account and region of the AWS credentials in the environment (bootstrapped once with
# `cd infra/aws && npx cdk bootstrap`). An operator confirms IAM and security-group changes; CI
# (CI set) does not, its approval is the GitHub environment's.
synth: install
	$(BIN)/python -m infra.aws.app -c stage=$(or $(STAGE),dev) $(CDK_CONTEXT)

deploy:
	@test -n "$(STAGE)" || { echo "make deploy needs STAGE=dev or STAGE=prod"; exit 2; }
	$(MAKE) synth STAGE=$(STAGE)
	cd infra/aws && npm ci --no-audit --no-fund && npx --no-install cdk deploy --app ../../cdk.out --all \
		--require-approval $(if $(CI),never,broadening)

clean:
	rm -rf $(VENV) .local .pytest_cache .mypy_cache .ruff_cache
