#!/usr/bin/env bash
# run_golden_case.sh BINARY GOLDEN_DIR CASE PYTHON [COMMAND CASES [WORKBOOKS]]
# Runs `COMMAND --data FOLDER ARGS --format json` (COMMAND: report, the
# default, review or price; CASES: the folder of the case files under GOLDEN_DIR,
# cases by default) for one golden case and checks it with compare.py; the
# output must also hold no NaN or Infinity. With WORKBOOKS, the case's agency
# is read from WORKBOOKS/FOLDER.xlsx, its folder as one workbook.
set -euo pipefail
binary=$1 golden=$2 case=$3 python=$4 command=${5:-report} cases=${6:-cases} workbooks=${7:-}
data=$(tr -d '[:space:]' < "$golden/$cases/$case.data")
folder="$golden/$data"
if [ -n "$workbooks" ]; then
  folder="$workbooks/$data.xlsx"
  [ -f "$folder" ] || { echo "no workbook $folder" >&2; exit 1; }
fi
read -r -a args < "$golden/$cases/$case.args"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$binary" "$command" --data "$folder" "${args[@]}" --format json > "$out"
if grep -qE 'NaN|Infinity' "$out"; then
  echo "$command output holds NaN or Infinity" >&2
  exit 1
fi
"$python" "$golden/compare.py" "$golden/$cases/$case.expected.json" "$out"
