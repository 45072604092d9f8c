# maison: the two commands a fresh machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test install browser-deps pdf-deps gettext-deps lint bench clean messages fonts screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Browser tests drive Debian's Chromium and inject npm's axe-core; both are
# installed here, never downloaded by a test tool.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js || npm install --silent --no-audit --no-fund

# Invoices are rendered by WeasyPrint, which needs Pango and HarfBuzz (with its
# subsetter) and a typeface to embed: Debian's packages, installed only when missing.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-deps:
	@dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || { \
	  echo "Installing Debian's libraries for the invoice PDFs"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_PACKAGES)) >/dev/null; }

# `make messages` and the French catalogue's test (tests/test_translations.py)
# gather the code's messages with GNU gettext: Debian's package, installed only
# when missing.
gettext-deps:
	@command -v xgettext >/dev/null 2>&1 || { \
	  echo "Installing GNU gettext for the translation catalogue"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext) >/dev/null; }

# The typefaces (SIL Open Font License) come from npm's @fontsource packages,
# pinned in package.json. The few files the pages use are copied into the
# static files and committed, so `make demo` needs no npm and no page ever
# fetches a font from elsewhere. Run `make fonts` after changing a version.
FONTS := maison/storefront/static/storefront/fonts
FONT_FILES := jost/files/jost-latin-400-normal.woff2 jost/files/jost-latin-500-normal.woff2 \
  cormorant-garamond/files/cormorant-garamond-latin-500-normal.woff2 \
  cormorant-garamond/files/cormorant-garamond-latin-500-italic.woff2

fonts:
	npm install --silent --no-audit --no-fund
	mkdir -p $(FONTS)
	for f in $(FONT_FILES); do cp node_modules/@fontsource/$$f $(FONTS)/; done
	cp node_modules/@fontsource/jost/LICENSE $(FONTS)/Jost-OFL.txt
	cp node_modules/@fontsource/cormorant-garamond/LICENSE $(FONTS)/CormorantGaramond-OFL.txt

demo: install pdf-deps
	mkdir -p var
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@sh bin/serve-demo

test: install browser-deps pdf-deps gettext-deps
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py compile_translations
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

# Screenshots of the shopper's path at 1280 and 390 px, in English and French,
# with Playwright on Debian's Chromium (var/screenshots/; a few go to docs/screenshots/).
screenshots: install browser-deps
	$(PY) manage.py compile_translations
	$(PY) bin/screenshots var/screenshots

bench: install
	$(PY) manage.py compile_translations
	$(PY) tests/load/bench.py

clean:
	rm -rf $(VENV) var node_modules

# Gather new strings into the French catalogue; then translate every new or fuzzy
# entry (tests/test_translations.py fails until each has its French).
messages: install gettext-deps
	$(PY) manage.py makemessages -l fr --ignore=".venv/*" --ignore="tests/*" --ignore="node_modules/*" --ignore="var/*"
