# Sourced by ./xz. Starts the real services the integration tests need: a private MariaDB
# instance (its own data directory and port, so it never touches a system database) and, when
# asked, Redis. Installs them from Debian's apt when they are missing. Fails loudly: a test run
# that cannot start MariaDB must fail, not skip.

XZ_SERVICES="$XZ_ROOT/.tooling/services"
XZ_MARIADB_PORT="${XZ_MARIADB_PORT:-3307}"
XZ_MARIADB_USER="xianzhi"
XZ_MARIADB_PASSWORD="xianzhi-test"
XZ_REDIS_PORT="${XZ_REDIS_PORT:-6380}"

xz_apt_install() {
  command -v apt-get >/dev/null 2>&1 || xz_die "apt-get is not available; install $* by hand."
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  xz_log "Installing $* from Debian's apt"
  $sudo apt-get update -qq >&2 || xz_die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2 || xz_die "apt-get install $* failed"
}

xz_find_mariadbd() {
  for b in /usr/sbin/mariadbd /usr/sbin/mysqld "$(command -v mariadbd 2>/dev/null)"; do
    [ -n "$b" ] && [ -x "$b" ] && { echo "$b"; return 0; }
  done
  return 1
}

xz_mariadb_ping() {
  mariadb-admin --protocol=tcp -h 127.0.0.1 -P "$XZ_MARIADB_PORT" -u "$XZ_MARIADB_USER" -p"$XZ_MARIADB_PASSWORD" ping >/dev/null 2>&1
}

xz_ensure_mariadb() {
  if ! xz_find_mariadbd >/dev/null || ! command -v mariadb-install-db >/dev/null; then
    xz_apt_install mariadb-server mariadb-client
  fi
  local mariadbd datadir="$XZ_SERVICES/mariadb/data" rundir="$XZ_SERVICES/mariadb/run"
  mariadbd=$(xz_find_mariadbd) || xz_die "mariadbd not found after install"
  # Reuse only this checkout's own server (its socket answers); a server of another checkout on the
  # same port could vanish with that checkout, so it is never adopted.
  if mariadb --no-defaults -S "$rundir/mariadb.sock" -u root -e 'SELECT 1' >/dev/null 2>&1 && xz_mariadb_ping; then return 0; fi
  if xz_mariadb_ping || mariadb-admin --no-defaults --protocol=tcp -h 127.0.0.1 -P "$XZ_MARIADB_PORT" ping >/dev/null 2>&1; then
    xz_die "Port $XZ_MARIADB_PORT is held by a MariaDB that is not this checkout's; stop it or set XZ_MARIADB_PORT"
  fi

  mkdir -p "$datadir" "$rundir"
  local owner=""
  [ "$(id -u)" -eq 0 ] && owner="--user=root"
  if [ ! -d "$datadir/mysql" ]; then
    xz_log "Initialising a private MariaDB data directory in .tooling/services/mariadb"
    mariadb-install-db --no-defaults $owner --datadir="$datadir" --auth-root-authentication-method=socket \
      --skip-test-db >"$XZ_SERVICES/mariadb/install.log" 2>&1 || { cat "$XZ_SERVICES/mariadb/install.log" >&2; xz_die "mariadb-install-db failed"; }
  fi
  xz_log "Starting MariaDB on 127.0.0.1:$XZ_MARIADB_PORT"
  nohup "$mariadbd" --no-defaults $owner --datadir="$datadir" --socket="$rundir/mariadb.sock" \
    --pid-file="$rundir/mariadb.pid" --port="$XZ_MARIADB_PORT" --bind-address=127.0.0.1 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 --max-connections=300 \
    >"$XZ_SERVICES/mariadb/server.log" 2>&1 &
  local i
  for i in $(seq 1 60); do
    if mariadb --no-defaults -S "$rundir/mariadb.sock" -u root -e 'SELECT 1' >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  mariadb --no-defaults -S "$rundir/mariadb.sock" -u root >/dev/null 2>&1 <<SQL || { tail -20 "$XZ_SERVICES/mariadb/server.log" >&2; xz_die "MariaDB did not start"; }
CREATE USER IF NOT EXISTS '$XZ_MARIADB_USER'@'127.0.0.1' IDENTIFIED BY '$XZ_MARIADB_PASSWORD';
CREATE USER IF NOT EXISTS '$XZ_MARIADB_USER'@'localhost' IDENTIFIED BY '$XZ_MARIADB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$XZ_MARIADB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO '$XZ_MARIADB_USER'@'localhost';
FLUSH PRIVILEGES;
SQL
  xz_mariadb_ping || xz_die "MariaDB is up but the test user cannot log in over TCP"
}

xz_ensure_redis() {
  command -v redis-server >/dev/null 2>&1 || xz_apt_install redis-server
  if redis-cli -p "$XZ_REDIS_PORT" ping >/dev/null 2>&1; then return 0; fi
  mkdir -p "$XZ_SERVICES/redis"
  xz_log "Starting Redis on 127.0.0.1:$XZ_REDIS_PORT"
  redis-server --daemonize yes --port "$XZ_REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$XZ_SERVICES/redis" --logfile "$XZ_SERVICES/redis/server.log" --pidfile "$XZ_SERVICES/redis/redis.pid" >&2
  local i
  for i in $(seq 1 40); do redis-cli -p "$XZ_REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.25; done
  xz_die "Redis did not start"
}

# Exported so the test processes find the services.
xz_export_service_env() {
  export XZ_TEST_MARIADB_URL="mariadb://$XZ_MARIADB_USER:$XZ_MARIADB_PASSWORD@127.0.0.1:$XZ_MARIADB_PORT"
  export XZ_TEST_REDIS_URL="redis://127.0.0.1:$XZ_REDIS_PORT"
}

# Debian's nginx, for the deployment test (test/deploy/nginx.test.ts runs its own instance on loopback with the
# config in deploy/nginx; Debian's policy keeps the package from starting a system nginx). openssl makes the test's
# certificate, systemd-analyze checks the units in deploy/systemd.
xz_ensure_nginx() {
  local missing=()
  [ -x /usr/sbin/nginx ] && [ -f /etc/nginx/mime.types ] || missing+=(nginx)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v mariadb-dump >/dev/null 2>&1 || missing+=(mariadb-client)
  if [ "${#missing[@]}" -gt 0 ]; then
    # The package would start a system nginx on port 80 where nothing forbids it: forbid it for this install.
    (
      policy=/usr/sbin/policy-rc.d
      if [ "$(id -u)" -eq 0 ] && [ ! -e "$policy" ]; then
        trap 'rm -f "$policy"' EXIT
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy"
      fi
      xz_apt_install "${missing[@]}"
    ) || xz_die "could not install ${missing[*]}"
  fi
  [ -x /usr/sbin/nginx ] || xz_die "nginx is not at /usr/sbin/nginx after install"
}

# Debian's Chromium and a CJK font (without it Chinese renders as boxes) for the browser tests.
xz_ensure_chromium() {
  if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'wenquanyi\|wqy'; then return 0; fi
  xz_apt_install chromium fonts-wqy-zenhei
  [ -x /usr/bin/chromium ] || xz_die "chromium is not at /usr/bin/chromium after install"
}
