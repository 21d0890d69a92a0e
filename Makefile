# The two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run migrate seed test lint format lock superuser clean chromium system-packages messages translations

$(INSTALLED): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED)

migrate: install messages
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py load_seed

run: seed
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install lint system-packages messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-pin every dependency after changing pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e ".[dev]"
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v "^nlc-catalogue" > constraints.txt
	rm -rf .lock-venv

# Debian packages the project needs beyond Python: Chromium for the browser tests (never a
# downloaded one), gettext to compile the translations, Pango and HarfBuzz for WeasyPrint's PDFs,
# poppler-utils (pdftotext) for the PDF tests. Installed when missing and we are root (CI is);
# otherwise we say what is missing, and the tests that need it skip themselves.
SYSTEM_PACKAGES := chromium chromium-driver gettext libpango-1.0-0 libpangoft2-1.0-0 \
	libharfbuzz-subset0 poppler-utils fonts-dejavu-core
system-packages:
	@missing=$$(for pkg in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || echo $$pkg; \
	done); \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian packages:" $$missing; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null \
		|| echo "Could not install" $$missing; \
	else \
		echo "Missing Debian packages (not root, not installing):" $$missing; \
	fi

# Kept for .ci/run and habit: Chromium comes with the other system packages.
chromium: system-packages

# Compiles locale/*/LC_MESSAGES/django.po into .mo files whenever a catalogue changed.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
messages: $(MO_FILES)
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | install system-packages
	$(BIN)/python manage.py compilemessages --locale $* --verbosity 0

# After changing interface text: refresh the catalogues, translate the new entries, `make messages`.
MAKEMESSAGES_IGNORE := -i ".venv/*" -i "bench/*" -i "loadtest/*" -i "tests/*" -i "test-artifacts/*"
translations: install system-packages
	$(BIN)/python manage.py makemessages -l fr -l ar --no-location --no-obsolete $(MAKEMESSAGES_IGNORE)

superuser: migrate
	$(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) staticfiles

# --- Production, operations and load (issue 7) -------------------------------------------------
.PHONY: serve check-deploy audit backup restore loadtest soak

# gunicorn with gunicorn.conf.py; set DJANGO_ENV=production and its settings (README, Deployment).
serve: install messages
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn

check-deploy: install
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# Known vulnerabilities in every pinned dependency (asks PyPI's advisory data; needs network).
audit: install
	$(BIN)/pip-audit --strict --disable-pip --no-deps --requirement constraints.txt --progress-spinner off

# pg_dump (PostgreSQL) or a JSON dump (SQLite) into backups/; restore asks before replacing.
backup: install
	$(BIN)/python manage.py backup $(if $(BACKUP),--output $(BACKUP))

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<file>"; exit 2; }
	$(BIN)/python manage.py restore $(BACKUP)

# gunicorn on PostgreSQL with 10,000 synthetic cases, driven by wrk (apt-get install wrk).
loadtest: install
	$(BIN)/python loadtest/run.py

soak: install
	$(BIN)/python loadtest/run.py --soak
# Benchmarks (bench/): BENCH_CASES=1000,10000,100000 BENCH_DB=sqlite|postgres make bench
# Each run creates a database of its own and drops it at the end (PostgreSQL: on the server of
# BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres).
BENCH_CASES ?= 1000,10000,100000
BENCH_DB ?= sqlite
.PHONY: bench
bench: install
	@command -v wrk >/dev/null || { echo "Installing wrk (Debian package)"; \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y wrk; else sudo apt-get install -y wrk; fi; }
	BENCH_CASES=$(BENCH_CASES) BENCH_DB=$(BENCH_DB) $(BIN)/python -m bench.run
