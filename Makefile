# Two commands matter (see README): `make serve` and `make test`.
# Both provide the CPython interpreters of the matrix (once per machine, cached in
# ~/.cache/threads-and-processes), create .venv from uv.lock on the build interpreter
# on first use, and reuse both afterwards.

# Any CPython >= 3.10 to start from; the site itself is built with BUILD_PYTHON.
PYTHON ?= python3
BUILD_PYTHON_VERSION := 3.15
INTERPRETERS := $(PYTHON) src/site_tools/interpreters.py
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
UV_VERSION := 0.13.8
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Material for MkDocs prints a banner about MkDocs 2.0 on every run; it is noise here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install node-tools serve build test check lint format update-outputs diagrams bench bench-pipeline screenshots links clean

help:  ## List the commands.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

.cache/interpreters-installed: src/site_tools/interpreters.py | $(UV)
	$(INTERPRETERS) install
	@mkdir -p .cache && touch $@

$(VENV)/.installed: uv.lock pyproject.toml .cache/interpreters-installed | $(UV)
	$(UV) sync --locked --python "$$($(INTERPRETERS) find $(BUILD_PYTHON_VERSION))"
	@touch $@

install: $(VENV)/.installed  ## Create .venv with the locked dependencies.

# Lighthouse and the Nu HTML Checker (tests/test_lighthouse.py, tests/test_html.py),
# from package-lock.json. Without npm the tests that need them say so and skip
# (and fail under CI).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else \
	  echo "npm not found: the Lighthouse and HTML checks will be skipped"; \
	fi

node-tools: node_modules/.installed

serve: install  ## Serve the site at http://127.0.0.1:8000 with live reload.
	SITE_URL=http://127.0.0.1:8000/ SITE_TOOLS_SERVE=1 SITE_STRICT=false $(BIN)/properdocs serve -f mkdocs.yml --dev-addr 127.0.0.1:8000

build: install  ## Build the site into site/ (strict: any warning fails).
	$(BIN)/properdocs build --strict -f mkdocs.yml

test: install node-tools  ## Run every check: lint, snippets, inline blocks, strict build, browser, HTML, Lighthouse, benchmarks.
	$(BIN)/python -m pytest $(ARGS)

lint: install  ## Lint and check formatting only.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install  ## Fix lint and formatting where ruff can.
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

update-outputs: install  ## Rewrite expected outputs (.stdout files, #> comments) from real runs; lists what changed.
	$(BIN)/python -m site_tools.matrix update $(EXAMPLE)
	$(BIN)/python -m pytest tests/test_markdown_blocks.py --update-examples -q -p no:cacheprovider $(ARGS)

check: install  ## Check one example on every interpreter and start method: make check EXAMPLE=snippets/…/x.py
	$(BIN)/python -m pytest tests/test_snippets.py --example "$(EXAMPLE)" -q $(ARGS)

diagrams: install  ## Draw new or changed Mermaid diagrams into diagrams/ (needs Chromium); drop unused ones.
	$(BIN)/python -m site_tools.diagrams

bench: install  ## Run the benchmarks on this machine and print the table.
	$(BIN)/python -m concurrency_bench $(ARGS)

bench-pipeline: install  ## Time the verification pipeline (cold/warm test, builds, hang report) in fresh clones.
	$(BIN)/python -m site_tools.pipeline_bench $(ARGS)

screenshots: install  ## Save full-page screenshots (light and dark) into review/.
	$(BIN)/python -m site_tools.screenshots $(ARGS)

links: install  ## List external links (never fetched by the tests).
	$(BIN)/python -m site_tools.links

clean:  ## Remove the build output and caches (keeps .venv and the interpreters).
	rm -rf site .cache .pytest_cache review
