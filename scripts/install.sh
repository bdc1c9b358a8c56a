#!/usr/bin/env bash
# Install what review-engine needs on a fresh Debian machine, idempotently:
#   system packages (Tesseract with Chinese, a CJK font, poppler; Chromium for browser tests)
#   and the Python packages into .venv (the project installed in editable mode).
# Usage: scripts/install.sh [--with-tests]
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--with-tests" ] && with_tests=1

apt_packages=(tesseract-ocr tesseract-ocr-chi-sim fonts-wqy-zenhei poppler-utils)
[ $with_tests = 1 ] && apt_packages+=(chromium chromium-driver)

missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install: apt-get install ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
if [ ! -x .venv/bin/python ]; then
  echo "install: creating .venv with $python" >&2
  "$python" -m venv .venv
  .venv/bin/pip install -q --upgrade pip
fi

extras="service,tesseract"
[ $with_tests = 1 ] && extras="service,tesseract,dev,train"
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-12)-$extras"
if [ ! -f "$stamp" ]; then
  echo "install: pip install -e .[$extras]" >&2
  .venv/bin/pip install -q -e ".[$extras]"
  touch "$stamp"
fi
