SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

VENV    := .venv
PYTHON  := $(VENV)/bin/python
CMAKE   := $(VENV)/bin/cmake
CTEST   := $(VENV)/bin/ctest
NINJA   := $(VENV)/bin/ninja
CPP_BUILD_DIR := build/cpp

# Override on the command line, e.g. make demo HORIZON=2029 OUT=out/sjobo-2029 (MUNI: name or SCB code)
MUNI    ?= Sjöbo
BASE    ?= 2024
HORIZON ?= 2030
OUT     ?= out/demo

.PHONY: setup build-cpp test-cpp lint test-python docs test demo benchmark stub clean

## setup: apt packages, .venv with build tools, build and install kommunbudget[test] into .venv
setup:
	scripts/setup.sh all

## build-cpp: the C++ core and the GoogleTest runner in build/cpp (no Python module)
build-cpp:
	scripts/setup.sh apt venv
	$(CMAKE) -S . -B $(CPP_BUILD_DIR) -G Ninja -DCMAKE_MAKE_PROGRAM=$(abspath $(NINJA)) \
	  -DCMAKE_BUILD_TYPE=Release -DKOMMUNBUDGET_BUILD_TESTS=ON -DKOMMUNBUDGET_BUILD_PYTHON=OFF
	$(CMAKE) --build $(CPP_BUILD_DIR)

## test-cpp: run the GoogleTest suite through ctest (needs build-cpp)
test-cpp:
	$(CTEST) --test-dir $(CPP_BUILD_DIR) --output-on-failure

## lint: ruff over the package, the tests, the benchmarks and the docs site's Python (rules in pyproject.toml, [tool.ruff])
lint:
	$(VENV)/bin/ruff check python tests benchmarks docs

## test-python: pytest over tests/python and tests/notebooks against the package installed in .venv
test-python:
	$(PYTHON) -m pytest

## docs: the documentation site in build/docs/html (needs setup): Sphinx over docs/ with the guides, the model, the
## API reference from the docstrings of the package installed in .venv, the command reference, and the notebooks
## executed by myst-nb; every warning is an error. docs/api/generated is written by autosummary on each build.
docs:
	rm -rf docs/api/generated build/docs
	$(VENV)/bin/sphinx-build -b html -E -W --keep-going -d build/docs/doctrees docs build/docs/html

## test: everything, in order: ruff, the C++ tests, the Python and notebook tests, the docs; all run, and the target
## fails if any fails
## (installs LibreOffice Calc without a GUI, Chromium and chromedriver first, for the workbook, council-report and
## teaching-page tests: scripts/setup.sh test-apt)
test:
	$(MAKE) --no-print-directory setup
	scripts/setup.sh test-apt
	$(MAKE) --no-print-directory build-cpp
	@status=0; \
	$(MAKE) --no-print-directory lint || status=1; \
	$(MAKE) --no-print-directory test-cpp || status=1; \
	$(MAKE) --no-print-directory test-python || status=1; \
	$(MAKE) --no-print-directory docs || status=1; \
	exit $$status

## demo: project, solve, compare and benchmark one municipality; the two example scenarios (Sjöbo), one as a
## council workbook and as the council report (HTML); a budget template for the municipality
demo: setup
	mkdir -p "$(OUT)"
	$(VENV)/bin/kommunbudget project "$(MUNI)" --base-year $(BASE) --horizon $(HORIZON)
	$(VENV)/bin/kommunbudget solve "$(MUNI)" --base-year $(BASE) --horizon $(HORIZON)
	$(VENV)/bin/kommunbudget compare "$(MUNI)" --base-year $(BASE) --horizon $(HORIZON) --chart "$(OUT)/result_vs_target.png"
	$(VENV)/bin/kommunbudget benchmark "$(MUNI)"
	$(VENV)/bin/kommunbudget scenario sjobo_before_tax_rise
	$(VENV)/bin/kommunbudget scenario sjobo_premises
	$(VENV)/bin/kommunbudget scenario sjobo_before_tax_rise --out "$(OUT)/sjobo_before_tax_rise.xlsx"
	$(VENV)/bin/kommunbudget report sjobo_before_tax_rise --out "$(OUT)/rapport.html"
	rm -f "$(OUT)/budgetmall.xlsx"  # the template never replaces a file; this one is the demo's own
	$(VENV)/bin/kommunbudget template --out "$(OUT)/budgetmall.xlsx" --municipality "$(MUNI)"

## benchmark: the projection loop against two references in one run, the public Python path against its
## references and goals, then the batch engine against its NumPy reference at 1,000,000 draws (prints ratios; not a test)
benchmark:
	scripts/setup.sh apt venv
	$(CMAKE) -S . -B build/bench -G Ninja -DCMAKE_MAKE_PROGRAM=$(abspath $(NINJA)) \
	  -DCMAKE_BUILD_TYPE=Release -DKOMMUNBUDGET_BUILD_TESTS=OFF -DKOMMUNBUDGET_BUILD_BENCHMARKS=ON
	$(CMAKE) --build build/bench
	build/bench/benchmarks/bench_projection
	$(PYTHON) benchmarks/bench_public_path.py
	$(PYTHON) benchmarks/uncertainty_benchmark.py

## stub: regenerate python/kommunbudget/_core.pyi from the _core module installed in .venv (pybind11-stubgen,
## pinned in the [test] extra; pybind11 pinned in build-system.requires so the text is stable)
stub: setup
	rm -rf build/stubs
	$(PYTHON) -m pybind11_stubgen kommunbudget._core --output-dir build/stubs --exit-code
	cp build/stubs/kommunbudget/_core.pyi python/kommunbudget/_core.pyi

## clean: remove build trees and demo output (keeps .venv)
clean:
	rm -rf build out
