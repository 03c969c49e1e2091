#!/usr/bin/env bash
# Xianzhi database restore from a dump made by xianzhi-backup.sh, into the database of XZ_DATABASE_URL.
#
#   xianzhi-restore.sh [--env-file /etc/xianzhi/xianzhi.env] [--replace] /var/backups/xianzhi/xianzhi-….sql.gz
#
# Stop the API and the workers first (systemctl stop xianzhi.target). The database is created when missing; one that
# has tables is refused unless --replace, which drops it and creates it empty before loading the dump. The dump's
# .sha256 is checked when it is beside it. Then run `xianzhi migrate` (a dump from an older release gets the newer
# migrations) and start the services.
set -euo pipefail
umask 077
source "$(dirname "${BASH_SOURCE[0]}")/database-url.sh"

replace=""
file=""
while [ $# -gt 0 ]; do
  case $1 in
    --replace) replace=1; shift ;;
    --env-file) xz_read_env_file "${2:?--env-file needs a file}"; shift 2 ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) xz_backup_die "unknown option: $1 (see --help)" ;;
    *) [ -z "$file" ] || xz_backup_die "one dump at a time"; file=$1; shift ;;
  esac
done
[ -n "$file" ] || xz_backup_die "which dump? (see --help)"
[ -r "$file" ] || xz_backup_die "cannot read $file"
command -v mariadb >/dev/null || xz_backup_die "mariadb (the client) not found: apt-get install mariadb-client"

if [ -f "$file.sha256" ]; then
  (cd "$(dirname "$file")" && sha256sum --check --quiet "$(basename "$file").sha256") ||
    xz_backup_die "$file does not match its .sha256"
fi
gzip -t "$file" || xz_backup_die "$file is damaged"

xz_parse_database_url
xz_client_options
sql() { mariadb --defaults-extra-file="$db_options" --batch --skip-column-names "$@"; }

tables=$(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$db_name'")
if [ "$tables" -gt 0 ]; then
  [ -n "$replace" ] || xz_backup_die "database $db_name has $tables tables: restore into it only with --replace"
  echo "Dropping database $db_name ($tables tables)" >&2
  sql -e "DROP DATABASE \`$db_name\`"
fi
sql -e "CREATE DATABASE IF NOT EXISTS \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
zcat "$file" | sql "$db_name"
echo "Restored $file into $db_name ($(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$db_name'") tables)" >&2
