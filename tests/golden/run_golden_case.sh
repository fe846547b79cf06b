#!/usr/bin/env bash
# run_golden_case.sh BINARY GOLDEN_DIR CASE PYTHON
# Runs `report --data FOLDER ARGS --format json` for one golden case and checks
# it with compare.py; the report must also hold no NaN or Infinity.
set -euo pipefail
binary=$1 golden=$2 case=$3 python=$4
folder="$golden/$(tr -d '[:space:]' < "$golden/cases/$case.data")"
read -r -a args < "$golden/cases/$case.args"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$binary" report --data "$folder" "${args[@]}" --format json > "$out"
if grep -qE 'NaN|Infinity' "$out"; then
  echo "report holds NaN or Infinity" >&2
  exit 1
fi
"$python" "$golden/compare.py" "$golden/cases/$case.expected.json" "$out"
