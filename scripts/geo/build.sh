#!/usr/bin/env bash
# Regenerates internal/geo/data/geo.tsv.gz from pinned packages.
# Needs Node 20+ (npm) and Python 3.9+; reaches only the npm registry and PyPI.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet -r requirements.txt
mkdir -p build
.venv/bin/python wordfreq_export.py > build/wordfreq.tsv
node convert.mjs
