#!/usr/bin/env bash
# Lint, then the whole test suite, installing what they need first. Extra arguments go to
# pytest (e.g. scripts/test.sh --slow for OCR-heavy, training and load tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --with-tests
# Lint first: a ruff finding (config in pyproject.toml) fails the run in seconds, before the long suite.
.venv/bin/ruff check .
exec .venv/bin/python -m pytest -q "$@"
