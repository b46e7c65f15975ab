#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian/Ubuntu machine, then run it.
# Usage: bash scripts/setup-test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx swe \
   || ! command -v qpdf >/dev/null || ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null \
   || ! fc-list 2>/dev/null | grep -qi 'Liberation Serif'; then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
    tesseract-ocr tesseract-ocr-swe qpdf poppler-utils chromium ghostscript fonts-liberation fontconfig
fi
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
exec .venv/bin/python -m pytest -q --nbmake tests notebooks "$@"
