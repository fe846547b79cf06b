#!/usr/bin/env bash
# Runs the dashboard's browser tests.
#
#   AGENCYKPI_URL=http://127.0.0.1:8080 e2e/run.sh
#       against a running agencykpi server that holds the golden agency
#       (it serves web/dist, so build it first: npm run build).
#   AGENCYKPI_IMPORT_URL=http://127.0.0.1:8081
#       optional: a server on a throwaway database for the import tests
#       (skipped when unset).
#   AGENCYKPI_BIN=path/to/agencykpi
#       optional, instead of AGENCYKPI_IMPORT_URL: the script starts
#       `agencykpi serve` on a temporary database itself.
#   AGENCYKPI_GOLDEN=path/to/golden and AGENCYKPI_BIN (and no AGENCYKPI_URL)
#       the script imports GOLDEN/agence-exemple into a temporary database
#       and serves it and web/dist with `agencykpi serve` itself.
#   AGENCYKPI_BILAN_URL=http://127.0.0.1:8082
#       a server holding golden/bilan-marque, for the brand review page;
#       started by the script, like the one above, when it has
#       AGENCYKPI_GOLDEN and AGENCYKPI_BIN.
#   AGENCYKPI_FORFAITS_URL=http://127.0.0.1:8083
#       a server holding golden/agence-forfaits, for the Team and Renewals
#       pages, the fixed fees and the price calculator; started by the
#       script in the same way.
#   AGENCYKPI_SCALE_URL=http://127.0.0.1:8084
#       a server holding the demo agency at --scale 20, for triage at size;
#       made and started by the script when it has AGENCYKPI_BIN.
#   AGENCYKPI_SCREENSHOTS=dir   where the screenshots go (default ../build/screenshots)
#   AGENCYKPI_CHROMIUM=path     the browser (default /usr/bin/chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

pids=()
tmp=$(mktemp -d)
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund

# Waits for URL to answer.
wait_url() {
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null "$1/api/v1/meta" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "server at $1 did not answer" >&2
  return 1
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# serve_golden FOLDER: imports GOLDEN/FOLDER into a temporary database and
# serves it with web/dist on a free port; sets served_url.
serve_golden() {
  [ -f dist/index.html ] || npm run build
  "$AGENCYKPI_BIN" import "$AGENCYKPI_GOLDEN/$1" --db "$tmp/$1.db" >"$tmp/$1-import.log" 2>&1 || {
    cat "$tmp/$1-import.log" >&2
    exit 2
  }
  local port
  port=$(free_port)
  "$AGENCYKPI_BIN" serve --db "$tmp/$1.db" --host 127.0.0.1 --port "$port" --web dist >"$tmp/$1-server.log" 2>&1 &
  pids+=($!)
  served_url="http://127.0.0.1:$port"
  wait_url "$served_url"
}

if [ -z "${AGENCYKPI_URL:-}" ]; then
  if [ -z "${AGENCYKPI_GOLDEN:-}" ] || [ -z "${AGENCYKPI_BIN:-}" ]; then
    echo "set AGENCYKPI_URL (a running agencykpi server), or AGENCYKPI_GOLDEN and AGENCYKPI_BIN" >&2
    exit 2
  fi
  serve_golden agence-exemple
  export AGENCYKPI_URL=$served_url
fi
if [ -z "${AGENCYKPI_BILAN_URL:-}" ] && [ -n "${AGENCYKPI_GOLDEN:-}" ] && [ -n "${AGENCYKPI_BIN:-}" ]; then
  serve_golden bilan-marque
  export AGENCYKPI_BILAN_URL=$served_url
fi
if [ -z "${AGENCYKPI_FORFAITS_URL:-}" ] && [ -n "${AGENCYKPI_GOLDEN:-}" ] && [ -n "${AGENCYKPI_BIN:-}" ]; then
  serve_golden agence-forfaits
  export AGENCYKPI_FORFAITS_URL=$served_url
fi

# The demo agency at --scale 20, for triage at a real agency's size.
if [ -z "${AGENCYKPI_SCALE_URL:-}" ] && [ -n "${AGENCYKPI_BIN:-}" ]; then
  [ -f dist/index.html ] || npm run build
  "$AGENCYKPI_BIN" demo-data "$tmp/demo20" --seed 1 --scale 20 >/dev/null
  "$AGENCYKPI_BIN" import "$tmp/demo20" --db "$tmp/demo20.db" >"$tmp/demo20-import.log" 2>&1 || {
    cat "$tmp/demo20-import.log" >&2
    exit 2
  }
  rm -rf "$tmp/demo20"
  port=$(free_port)
  "$AGENCYKPI_BIN" serve --db "$tmp/demo20.db" --host 127.0.0.1 --port "$port" --web dist >"$tmp/demo20-server.log" 2>&1 &
  pids+=($!)
  export AGENCYKPI_SCALE_URL="http://127.0.0.1:$port"
  wait_url "$AGENCYKPI_SCALE_URL"
fi

# A store with accounts (an admin and a brand account of C01) for the sign-in tests.
if [ -z "${AGENCYKPI_ACCOUNTS_URL:-}" ] && [ -n "${AGENCYKPI_GOLDEN:-}" ] && [ -n "${AGENCYKPI_BIN:-}" ]; then
  [ -f dist/index.html ] || npm run build
  "$AGENCYKPI_BIN" import "$AGENCYKPI_GOLDEN/bilan-marque" --db "$tmp/accounts.db" >"$tmp/accounts-import.log" 2>&1
  printf '%s\n' 'admin password long' |
    "$AGENCYKPI_BIN" user add --db "$tmp/accounts.db" --email admin@agency.test --role admin --name Anne >/dev/null 2>&1
  printf '%s\n' 'brand password long' |
    "$AGENCYKPI_BIN" user add --db "$tmp/accounts.db" --email brand@c01.test --role brand --client C01 --name "Marque C01" >/dev/null 2>&1
  port=$(free_port)
  "$AGENCYKPI_BIN" serve --db "$tmp/accounts.db" --host 127.0.0.1 --port "$port" --web dist >"$tmp/accounts-server.log" 2>&1 &
  pids+=($!)
  export AGENCYKPI_ACCOUNTS_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -s -o /dev/null "$AGENCYKPI_ACCOUNTS_URL/" && break; sleep 0.1; done
fi

if [ -z "${AGENCYKPI_IMPORT_URL:-}" ] && [ -n "${AGENCYKPI_BIN:-}" ]; then
  port=$(free_port)
  "$AGENCYKPI_BIN" serve --db "$tmp/throwaway.db" --host 127.0.0.1 --port "$port" >"$tmp/import-server.log" 2>&1 &
  pids+=($!)
  AGENCYKPI_IMPORT_URL="http://127.0.0.1:$port"
  export AGENCYKPI_IMPORT_URL
  wait_url "$AGENCYKPI_IMPORT_URL"
fi

echo "e2e: dashboard at $AGENCYKPI_URL${AGENCYKPI_IMPORT_URL:+, imports at $AGENCYKPI_IMPORT_URL}"
node --test --test-concurrency=1 --test-reporter=spec e2e/
