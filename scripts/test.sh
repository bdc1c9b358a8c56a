#!/usr/bin/env bash
# The whole test suite, installing what it needs first. Extra arguments go to pytest
# (e.g. scripts/test.sh --slow for OCR-heavy, training and load tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --with-tests
exec .venv/bin/python -m pytest -q "$@"
