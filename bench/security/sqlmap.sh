#!/usr/bin/env bash
# sqlmap (Debian's package) against the compiled server on loopback: the feed's query parameters, search,
# suggest, and an authenticated publish (JSON body), at levels 2 and 3 with risk 2, in batch mode. Prints one
# line per run and a summary; exits 1 if sqlmap finds any injectable parameter. Not part of ./xz test.
#
#   bench/security/sqlmap.sh                      # the embedded stack (SQLite)
#   bench/security/sqlmap.sh --mariadb URL        # also on MariaDB (URL without a database, e.g. mariadb://u:p@127.0.0.1:3307)
#   SQLMAP_LEVELS="2" bench/security/sqlmap.sh    # fewer levels
#
# The server inherits this environment, so limits (e.g. XZ_RATE_LIMITS) that would answer sqlmap's thousands of
# requests with 429 can be raised for the run. sqlmap's own logs are kept in bench/results/sqlmap-<time>/.
set -euo pipefail
XZ_ROOT="${XZ_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
source "$XZ_ROOT/scripts/toolchain.sh"
xz_ensure_node
xz_ensure_pnpm
cd "$XZ_ROOT"

MARIADB_URL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --mariadb) MARIADB_URL="${2:?--mariadb needs a URL}"; shift 2 ;;
    *) xz_die "unknown argument: $1" ;;
  esac
done
LEVELS="${SQLMAP_LEVELS:-2 3}"

if ! command -v sqlmap >/dev/null 2>&1; then
  xz_log "sqlmap is missing: installing Debian's package"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlmap; } >&2 ||
    xz_die "could not install sqlmap (apt-get install -y sqlmap)"
fi

xz_log "Building the server"
pnpm exec tsc -b packages/core packages/adapters packages/api >&2

RESULTS="$XZ_ROOT/bench/results/sqlmap-$(date +%Y%m%d-%H%M%S)"
WORK="$(mktemp -d)"
mkdir -p "$RESULTS"
SERVER_PID=""
DROP_DB=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  if [ -n "$DROP_DB" ]; then db_sql "$DROP_DB" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
json_field() { node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>{const v=process.argv[1].split(".").reduce((o,k)=>o?.[k],JSON.parse(d));console.log(v)})' "$1"; }

# Starts the compiled server on a fresh database (embedded mode migrates and seeds the demo campus).
start_server() {
  local label="$1" database_url="$2"
  PORT="$(free_port)"
  BASE="http://127.0.0.1:$PORT"
  local data="$WORK/$label"
  mkdir -p "$data"
  xz_log "Starting the server on $label ($BASE)"
  env XZ_ENV=embedded XZ_DATA_DIR="$data" XZ_PORT="$PORT" XZ_HOST=127.0.0.1 \
    XZ_H5_DIST="$data/no-h5" XZ_ADMIN_DIST="$data/no-admin" \
    ${database_url:+XZ_DATABASE_URL="$database_url"} \
    node packages/api/dist/main/server.js >"$RESULTS/server-$label.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 180); do
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$RESULTS/server-$label.log" >&2; xz_die "the server stopped"; }
    sleep 1
  done
  xz_die "the server did not answer /healthz in 180 s"
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# A demo student's access token (30 minutes): taken afresh before each authenticated run.
student_token() {
  curl -fs -X POST "$BASE/v1/dev/login" -H 'content-type: application/json' -d '{"user":"alice"}' | json_field accessToken
}

served_requests() { grep -c '"request completed"' "$RESULTS/server-$1.log" || true; }

SUMMARY=()
FOUND=0
# One sqlmap run: label, level, then sqlmap's target arguments.
run_sqlmap() {
  local db="$1" name="$2" level="$3"
  shift 3
  local log="$RESULTS/$db-$name-level$level.log"
  local before started seconds served verdict
  before="$(served_requests "$db")"
  started="$(date +%s)"
  sqlmap --batch --level="$level" --risk=2 --flush-session --disable-coloring \
    --output-dir="$WORK/sqlmap-out" "$@" >"$log" 2>&1 || true
  seconds=$(($(date +%s) - started))
  served=$(($(served_requests "$db") - before))
  if grep -q 'sqlmap identified the following injection point' "$log"; then
    verdict="INJECTABLE: $(grep -oE "Parameter: [^ ]+ \([A-Z]+\)" "$log" | sort -u | tr '\n' ' ')"
    FOUND=1
  elif grep -q 'all tested parameters do not appear to be injectable' "$log"; then
    verdict="no injectable parameter"
  else
    verdict="INCONCLUSIVE (see $log)"
    FOUND=1
  fi
  local line
  line="$(printf '%-8s %-8s level %s  %5d requests  %4d s  %s' "$db" "$name" "$level" "$served" "$seconds" "$verdict")"
  echo "$line"
  SUMMARY+=("$line")
}

scan() {
  local db="$1"
  local category
  category="$(curl -fs "$BASE/v1/catalog?campusId=demo" | json_field 'categories.0.children.0.id')"
  local publish
  publish="$(printf '{"kind":"item","title":"九成新 台灯","description":"宿舍自用 可面交","price":2500,"originalPrice":8900,"categoryId":"%s","condition":"like_new","areaId":"east-dorm","tradeMethods":["face_to_face"],"photos":[]}' "$category")"
  for level in $LEVELS; do
    run_sqlmap "$db" feed "$level" -u \
      "$BASE/v1/listings?campusId=demo&kind=item&categoryId=$category&condition=like_new&minPrice=1&maxPrice=1000000&areaId=east-dorm&tradeMethod=face_to_face&sort=newest&limit=10"
    run_sqlmap "$db" search "$level" -u \
      "$BASE/v1/search?q=%E5%8F%B0%E7%81%AF&campusId=demo&kind=item&categoryId=$category&minPrice=1&maxPrice=1000000&sort=newest&limit=10"
    run_sqlmap "$db" suggest "$level" -u "$BASE/v1/search/suggest?q=%E5%8F%B0&campusId=demo&limit=5"
    run_sqlmap "$db" publish "$level" -u "$BASE/v1/listings" --method=POST --data="$publish" \
      -H "Authorization: Bearer $(student_token)" -H 'Content-Type: application/json'
  done
}

started_all="$(date +%s)"
start_server sqlite ""
scan sqlite
stop_server

if [ -n "$MARIADB_URL" ]; then
  db_name="xz_sqlmap_$(date +%s)"
  # Made and dropped through the project's own persistence (as the tests do), so no MariaDB client is needed.
  db_sql() {
    node --input-type=module -e "const { openPersistence } = await import('./packages/adapters/dist/index.js');
      const p = await openPersistence({ url: process.argv[1] + '/mysql' });
      try { await p.raw(process.argv[2]); } finally { await p.close(); }" "${MARIADB_URL%/}" "$1"
  }
  db_sql "create database \`$db_name\`" || xz_die "could not create the MariaDB database"
  DROP_DB="drop database if exists \`$db_name\`"
  start_server mariadb "${MARIADB_URL%/}/$db_name"
  scan mariadb
  stop_server
fi

echo
echo "sqlmap $(sqlmap --version 2>/dev/null | head -1), levels $LEVELS, risk 2, in $(($(date +%s) - started_all)) s; logs in $RESULTS"
printf '%s\n' "${SUMMARY[@]}"
if [ "$FOUND" -ne 0 ]; then
  echo "FAILED: an injectable or inconclusive run (above)"
  exit 1
fi
echo "No injectable parameter found."
