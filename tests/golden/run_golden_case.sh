#!/usr/bin/env bash
# run_golden_case.sh BINARY GOLDEN_DIR CASE PYTHON [COMMAND CASES [WORKBOOKS]]
# Runs `COMMAND --data FOLDER ARGS --format json` (COMMAND: report, the
# default, review or price; CASES: the folder of the case files under GOLDEN_DIR,
# cases by default) for one golden case and checks it with compare.py; the
# output must also hold no NaN or Infinity. With WORKBOOKS, the case's agency
# is read from WORKBOOKS/FOLDER.xlsx (its folder as one workbook) or from
# WORKBOOKS/FOLDER (a folder of one workbook per table).
# With AGENCYKPI_GOLDEN_PG_URI_FILE (a file holding a postgresql:// URI), the
# folder is first imported into its own agency of that database, and the
# command reads it from there (--db URI --agency ID).
set -euo pipefail
binary=$1 golden=$2 case=$3 python=$4 command=${5:-report} cases=${6:-cases} workbooks=${7:-}
data=$(tr -d '[:space:]' < "$golden/$cases/$case.data")
folder="$golden/$data"
if [ -n "$workbooks" ]; then
  # One workbook of the agency, or a folder of one workbook per table.
  folder="$workbooks/$data.xlsx"
  [ -f "$folder" ] || folder="$workbooks/$data"
  [ -e "$folder" ] || { echo "no workbook $workbooks/$data.xlsx nor folder $folder" >&2; exit 1; }
fi
read -r -a args < "$golden/$cases/$case.args"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
source_args=(--data "$folder")
if [ -n "${AGENCYKPI_GOLDEN_PG_URI_FILE:-}" ]; then
  uri=$(cat "$AGENCYKPI_GOLDEN_PG_URI_FILE")
  agency=$(printf 'g-%s-%s' "$cases" "$case" | tr -c 'A-Za-z0-9_.\n-' '_' | cut -c1-64)
  if ! "$binary" agency list --db "$uri" | cut -f1 | grep -qx "$agency"; then
    "$binary" agency add --db "$uri" --id "$agency" --name "golden $cases/$case" 2>/dev/null
  fi
  "$binary" import "$folder" --db "$uri" --agency "$agency" 2>/dev/null
  source_args=(--db "$uri" --agency "$agency")
fi
"$binary" "$command" "${source_args[@]}" "${args[@]}" --format json > "$out"
if grep -qE 'NaN|Infinity' "$out"; then
  echo "$command output holds NaN or Infinity" >&2
  exit 1
fi
"$python" "$golden/compare.py" "$golden/$cases/$case.expected.json" "$out"
