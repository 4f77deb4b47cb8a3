#!/bin/sh
# Remakes the committed test corpus (test/corpus/*.xlsx, *.xlsm); see test/corpus/README.md.
# Needs: LibreOffice with python3-uno (/usr/bin/python3), openpyxl for python3, node_modules.
set -eu
cd "$(dirname "$0")/../.."
OUT=test/corpus
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export TS_NODE_TRANSPILE_ONLY=1
node -r ts-node/register scripts/make-corpus/tables.ts > "$TMP/plan2009.json"
/usr/bin/python3 scripts/make-corpus/libreoffice.py "$TMP/plan2009.json" "$OUT/libreoffice.xlsx"
python3 scripts/make-corpus/openpyxl_corpus.py "$TMP/plan2009.json" "$OUT/openpyxl.xlsx"
node -r ts-node/register scripts/make-corpus/exceljs.ts "$OUT/exceljs.xlsx"
node -r ts-node/register scripts/make-corpus/handmade.ts "$OUT/handmade.xlsm"
node -r ts-node/register scripts/make-corpus/variants.ts "$OUT/variants.xlsx"
ls -l "$OUT"/*.xls?
