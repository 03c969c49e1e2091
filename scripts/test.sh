#!/usr/bin/env bash
# Every test: type checks, unit and contract tests (in-memory, SQLite, a real MariaDB), API tests,
# front-end component tests, and the QQ / H5 / admin builds checked by their output.
# Called by `./xz test` after the toolchain is in place.
set -euo pipefail
XZ_ROOT="${XZ_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
source "$XZ_ROOT/scripts/toolchain.sh"
source "$XZ_ROOT/scripts/services.sh"
cd "$XZ_ROOT"

step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }
started=$(date +%s)

step "Services: MariaDB"
xz_ensure_mariadb
xz_export_service_env

step "Type check (core, adapters, api)"
pnpm exec tsc -b packages/core packages/adapters packages/api

step "Unit, contract and API tests"
results="$XZ_ROOT/.tooling/vitest-results.json"
mkdir -p "$(dirname "$results")"
set +e
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@"
backend_status=$?
set -e

frontend_status=0
for pkg in miniprogram admin; do
  if node -e "process.exit(require('./packages/$pkg/package.json').scripts?.test ? 0 : 1)" 2>/dev/null; then
    step "Front end: @xianzhi/$pkg tests and build"
    pnpm --filter "@xianzhi/$pkg" run test || frontend_status=1
    pnpm --filter "@xianzhi/$pkg" run build || frontend_status=1
  fi
done
if [ -f packages/miniprogram/package.json ] && node -e "process.exit(require('./packages/miniprogram/package.json').scripts?.['check:qq'] ? 0 : 1)"; then
  pnpm --filter @xianzhi/miniprogram run check:qq || frontend_status=1
fi

passed=$(node -e "const r=require('$results');console.log(r.numPassedTests)" 2>/dev/null || echo 0)
failed=$(node -e "const r=require('$results');console.log(r.numFailedTests)" 2>/dev/null || echo 0)
step "Done in $(( $(date +%s) - started ))s"
echo "Backend: ${passed} passed, ${failed} failed"
if [ "$backend_status" -ne 0 ] || [ "$frontend_status" -ne 0 ]; then
  echo "FAILED (backend exit $backend_status, front ends exit $frontend_status)"
  exit 1
fi
