#!/usr/bin/env bash
# Every test: format check and lint; type checks; unit and contract tests (in-memory, SQLite, a real MariaDB and Redis); API tests on
# SQLite and MariaDB; front-end component tests; the QQ, H5 and admin builds checked by their
# output; end-to-end tests in Debian's Chromium against the compiled server; and the deployment kit (deploy/) with
# Debian's nginx in front of the compiled server in production mode.
# Called by `./xz test` after the toolchain is in place; extra arguments go to vitest.
set -euo pipefail
XZ_ROOT="${XZ_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
source "$XZ_ROOT/scripts/toolchain.sh"
source "$XZ_ROOT/scripts/services.sh"
cd "$XZ_ROOT"

step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }
started=$(date +%s)
failures=()

step "Services: MariaDB, Redis, Chromium, nginx"
xz_ensure_mariadb
# Shared by the BullMQ tests (each uses its own key prefix); tests that stop Redis start their own.
xz_ensure_redis
xz_export_service_env
xz_ensure_chromium
xz_ensure_nginx

# Checks that need nothing from the type check run beside it, each in the background with its output in a log that
# is printed once it is done: Prettier then the type-aware ESLint, and the mini-program's tests then its QQ and H5
# builds (webpack). With the type check and the admin app in front, the two cores stay busy. A job names each check
# that failed in an XZ_FAILED line of its log.
declare -A job_pid=() job_log=()
in_background() {
  local name=$1
  shift
  job_log[$name]="$XZ_ROOT/.tooling/$name.log"
  mkdir -p "$XZ_ROOT/.tooling"
  ("$@") >"${job_log[$name]}" 2>&1 &
  job_pid[$name]=$!
}
collect() {
  local name=$1 rc=0 named failed
  wait "${job_pid[$name]}" || rc=$?
  cat "${job_log[$name]}"
  if [ "$rc" -ne 0 ]; then
    named=$(grep -c '^XZ_FAILED ' "${job_log[$name]}" || true)
    while IFS= read -r failed; do failures+=("${failed#XZ_FAILED }"); done < <(grep '^XZ_FAILED ' "${job_log[$name]}" || true)
    [ "$named" -gt 0 ] || failures+=("$name (exit $rc)")
  fi
}
lint_job() {
  local rc=0
  pnpm exec prettier --check --log-level warn . || { echo "XZ_FAILED format (run ./xz format)"; rc=1; }
  pnpm exec eslint --max-warnings 0 . || { echo "XZ_FAILED lint"; rc=1; }
  return $rc
}
miniprogram_job() {
  local rc=0
  pnpm --filter @xianzhi/miniprogram run test || { echo "XZ_FAILED miniprogram tests"; rc=1; }
  pnpm --filter @xianzhi/miniprogram run build || { echo "XZ_FAILED miniprogram build"; rc=1; }
  return $rc
}
in_background lint lint_job
in_background miniprogram miniprogram_job

step "Type check everything (builds the server's dist/ on the way)"
# One solution (tsconfig.json): packages, both front ends, tests, benchmarks and the embedding example.
if ! pnpm run typecheck; then
  failures+=("typecheck")
  # The browser tests need the compiled server even when a test file fails the check.
  pnpm exec tsc -b packages/core packages/adapters packages/api
fi

step "Admin: component tests and build"
pnpm --filter @xianzhi/admin run test || failures+=("admin tests")
# The type check above covered the admin app: build it without its `build` script's second `tsc` over the same files.
pnpm --filter @xianzhi/admin exec vite build || failures+=("admin build")

step "Mini-program: component tests, QQ and H5 builds, run alongside the steps above"
collect miniprogram
# No credential is compiled into a front end: the demo admin's default password must be in no build output
# (the admin app's demo button asks the server, which signs the demo admin in only in embedded mode).
if grep -rlF 'xianzhi-admin-demo' packages/admin/dist packages/miniprogram/dist-h5 packages/miniprogram/dist-qq; then
  failures+=("a demo credential in a front-end build (files above)")
fi

step "Format check (Prettier) and lint (ESLint, type-aware), run alongside the steps above"
collect lint

step "Unit, contract, API, architecture and browser tests"
results="$XZ_ROOT/.tooling/vitest-results.json"
mkdir -p "$(dirname "$results")"
rm -f "$results"
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || failures+=("vitest")

summary=$(node -e "try{const r=require(process.argv[1]);console.log(r.numPassedTests+' passed, '+r.numFailedTests+' failed')}catch{console.log('0 passed, 1 failed')}" "$results")
step "Done in $(( $(date +%s) - started ))s"
if [ "${#failures[@]}" -gt 0 ]; then
  echo "FAILED: ${failures[*]}"
  echo "Backend and browser tests: $summary"
  exit 1
fi
echo "Backend and browser tests: $summary"
