#!/usr/bin/env bash
# Starts Xianzhi on embedded defaults: SQLite under ./data, in-process jobs, local photo storage,
# demo QQ and campus logins. Builds what it serves first. Called by `./xz start`.
set -euo pipefail
XZ_ROOT="${XZ_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
source "$XZ_ROOT/scripts/toolchain.sh"
cd "$XZ_ROOT"

xz_log "Building the server"
# The build logs go to .tooling/, which exists only when the toolchain was installed there.
mkdir -p "$XZ_TOOLING"
pnpm exec tsc -b packages/core packages/adapters packages/api >&2
for pkg in admin miniprogram; do
  xz_log "Building @xianzhi/$pkg"
  if [ "$pkg" = miniprogram ]; then
    pnpm --filter "@xianzhi/$pkg" run build:h5 >"$XZ_TOOLING/build-$pkg.log" 2>&1 || { tail -30 "$XZ_TOOLING/build-$pkg.log" >&2; xz_die "build of @xianzhi/$pkg failed"; }
  else
    pnpm --filter "@xianzhi/$pkg" run build >"$XZ_TOOLING/build-$pkg.log" 2>&1 || { tail -30 "$XZ_TOOLING/build-$pkg.log" >&2; xz_die "build of @xianzhi/$pkg failed"; }
  fi
done

export XZ_ENV="${XZ_ENV:-embedded}"
exec node packages/api/dist/main/server.js "$@"
