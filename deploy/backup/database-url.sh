# Sourced by xianzhi-backup.sh and xianzhi-restore.sh: the database of XZ_DATABASE_URL, and a MariaDB option file
# holding its credentials (so the password is never on a command line, where `ps` would show it).

xz_backup_die() { printf 'xianzhi: %s\n' "$*" >&2; exit 1; }

# XZ_DATABASE_URL from an environment file (the services' /etc/xianzhi/xianzhi.env), unless it is set already.
xz_read_env_file() {
  local file=$1 line
  [ -r "$file" ] || xz_backup_die "cannot read $file"
  line=$(grep -E '^[[:space:]]*XZ_DATABASE_URL=' "$file" | tail -n 1) || true
  [ -n "$line" ] || xz_backup_die "$file sets no XZ_DATABASE_URL"
  line=${line#*=}
  line=${line%\"}; line=${line#\"}; line=${line%\'}; line=${line#\'}
  XZ_DATABASE_URL=$line
}

xz_urldecode() { local s=${1//+/ }; printf '%b' "${s//%/\\x}"; }

# Sets db_host, db_port, db_user, db_password and db_name from mariadb://user:password@host:port/name.
xz_parse_database_url() {
  local url=${XZ_DATABASE_URL:-}
  [ -n "$url" ] || xz_backup_die "XZ_DATABASE_URL is not set (give --env-file /etc/xianzhi/xianzhi.env)"
  [[ $url =~ ^(mariadb|mysql)://(([^:@/]*)(:([^@/]*))?@)?([^:/?]+|\[[^]]+\])(:([0-9]+))?/([^/?]+)(\?.*)?$ ]] ||
    xz_backup_die "XZ_DATABASE_URL must look like mariadb://user:password@host:port/database"
  db_user=$(xz_urldecode "${BASH_REMATCH[3]}")
  db_password=$(xz_urldecode "${BASH_REMATCH[5]}")
  db_host=${BASH_REMATCH[6]}
  db_host=${db_host#[}; db_host=${db_host%]}
  db_port=${BASH_REMATCH[8]:-3306}
  db_name=$(xz_urldecode "${BASH_REMATCH[9]}")
  [[ $db_name =~ ^[A-Za-z0-9_$-]+$ ]] || xz_backup_die "unexpected characters in the database name"
}

# Writes the [client] option file into a private temporary folder, removed when the script ends.
xz_client_options() {
  xz_tmp=$(mktemp -d)
  trap 'rm -rf "$xz_tmp"' EXIT
  local escaped=${db_password//\\/\\\\}
  escaped=${escaped//\"/\\\"}
  db_options="$xz_tmp/client.cnf"
  {
    echo '[client]'
    echo "host=$db_host"
    echo "port=$db_port"
    echo "protocol=tcp"
    echo "user=$db_user"
    echo "password=\"$escaped\""
    echo "default-character-set=utf8mb4"
  } >"$db_options"
  chmod 600 "$db_options"
}
