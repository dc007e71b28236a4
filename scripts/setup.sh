#!/usr/bin/env bash
# Set up everything kommunbudget needs on a Debian 12 machine, skipping what is already present.
#
#   scripts/setup.sh apt       C++ toolchain and libraries from Debian (apt-get only if something is missing)
#   scripts/setup.sh venv      .venv (python3 -m venv) with the build tools: pip, scikit-build-core, pybind11,
#                              cmake, ninja (pip only if something is missing or too old)
#   scripts/setup.sh install   build kommunbudget (C++ core + _core module) and install it with the [test]
#                              extra into .venv; the CMake build dir build/{wheel_tag} is reused, so a
#                              re-install only recompiles what changed
#   scripts/setup.sh all       apt, venv, install (the default)
#   scripts/setup.sh test-apt  what only the tests need, from Debian: LibreOffice Calc without a GUI (soffice,
#                              which converts the written workbooks headless), Chromium (opens the council
#                              report headless) and its chromedriver (selenium drives the teaching page); run by
#                              `make test`, not by `make setup` or `make demo` (apt-get only if something is missing)
#
# Several steps may be given: `scripts/setup.sh apt venv`.
# Environment: PYTHON (interpreter used to create .venv, default python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
VENV_PY="$VENV/bin/python"
PYTHON="${PYTHON:-python3}"

# Debian packages the C++ build needs. cmake and ninja come from pip (into .venv), not from apt.
APT_PACKAGES=(g++ make libeigen3-dev libspdlog-dev libfmt-dev libgtest-dev librandom123-dev libboost-dev)

# Debian packages only the tests need (step test-apt): soffice, to check the workbooks as LibreOffice reads them
# (tests/python/report/test_workbook_libreoffice.py; skipped, saying why, where it is missing), and chromium, to open
# the council report headless (tests/python/report/test_council_report.py; skipped where missing unless CI is set),
# and chromium-driver (chromedriver), through which selenium loads `kommunbudget teach`'s Voilà page and waits for its
# widgets (tests/python/cli/test_teach.py; the same skip rule).
TEST_APT_PACKAGES=(libreoffice-calc-nogui chromium chromium-driver)

# Build tools for `pip install --no-build-isolation`: build-system.requires from pyproject.toml (read at run
# time, so it stays the single list) plus cmake and ninja, which scikit-build-core would otherwise add itself.
EXTRA_BUILD_TOOLS=("cmake>=3.21" "ninja>=1.10")

export PIP_DISABLE_PIP_VERSION_CHECK=1
export PIP_NO_INPUT=1

log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

dpkg_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

step_apt() {
  local wanted=("${APT_PACKAGES[@]}")
  # The interpreter for .venv: normally present (python3 with venv and headers). On a bare Debian the
  # system python3 needs python3-venv (ensurepip) and python3-dev (Python.h for the pybind11 module).
  if ! command -v "$PYTHON" >/dev/null 2>&1; then
    wanted+=(python3 python3-venv python3-dev)
  else
    "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 || wanted+=(python3-venv)
    "$PYTHON" -c 'import os, sysconfig, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_path("include"), "Python.h")))' \
      >/dev/null 2>&1 || wanted+=(python3-dev)
  fi
  apt_install_missing apt "${wanted[@]}"
}

step_test_apt() {
  apt_install_missing test-apt "${TEST_APT_PACKAGES[@]}"
}

# apt_install_missing STEP PACKAGE...: installs those of the packages that are not installed (nothing, and no
# apt-get update, when all are).
apt_install_missing() {
  local step="$1" missing=() pkg
  shift
  for pkg in "$@"; do
    dpkg_installed "$pkg" || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    log "$step: all present ($*)"
    return 0
  fi
  log "$step: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Print the requirements (one a line) that are not satisfied in .venv. Only `name`, `name>=X.Y` and
# `name==X.Y` forms are understood, which is all this project uses.
missing_build_tools() {
  "$VENV_PY" - "$ROOT/pyproject.toml" "${EXTRA_BUILD_TOOLS[@]}" <<'PY'
import re
import sys
import tomllib
from importlib import metadata

with open(sys.argv[1], "rb") as f:
    requires = tomllib.load(f)["build-system"]["requires"]
wanted = ["pip>=23"] + requires + sys.argv[2:]

def as_tuple(v):
    return tuple(int(p) for p in re.findall(r"\d+", v)[:3])

for req in wanted:
    m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(?:(>=|==)\s*([0-9][0-9.]*))?\s*", req)
    if not m:
        print(req)  # unknown form: let pip decide
        continue
    name, op, ver = m.groups()
    try:
        have = metadata.version(name)
    except metadata.PackageNotFoundError:
        print(req)
        continue
    if op == ">=" and as_tuple(have) < as_tuple(ver):
        print(req)
    elif op == "==" and as_tuple(have) != as_tuple(ver):
        print(req)
PY
}

step_venv() {
  if [[ ! -x "$VENV_PY" ]]; then
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found (run: scripts/setup.sh apt)"
    log "venv: creating $VENV with $("$PYTHON" --version 2>&1)"
    "$PYTHON" -m venv "$VENV"
  fi
  local missing
  missing="$(missing_build_tools)" || die "could not check the build tools in $VENV"
  if [[ -z "$missing" ]]; then
    log "venv: build tools present"
    return 0
  fi
  mapfile -t missing_list <<<"$missing"
  log "venv: installing ${missing_list[*]}"
  "$VENV_PY" -m pip install --quiet --upgrade "${missing_list[@]}"
}

step_install() {
  [[ -x "$VENV_PY" ]] || die "$VENV missing (run: scripts/setup.sh venv)"
  log "install: building kommunbudget and installing it with [test] into .venv (incremental build in build/)"
  (cd "$ROOT" && "$VENV_PY" -m pip install --quiet --no-build-isolation ".[test]")
  log "install: kommunbudget $("$VENV_PY" -c 'from importlib.metadata import version; print(version("kommunbudget"))') installed"
}

main() {
  (($# > 0)) || set -- all
  local step
  for step in "$@"; do
    case "$step" in
      apt) step_apt ;;
      venv) step_venv ;;
      install) step_install ;;
      all) step_apt; step_venv; step_install ;;
      test-apt) step_test_apt ;;
      -h | --help | help) sed -n '2,17p' "${BASH_SOURCE[0]}"; return 0 ;;
      *) die "unknown step '$step' (expected: apt, venv, install, all, test-apt)" ;;
    esac
  done
}

main "$@"
