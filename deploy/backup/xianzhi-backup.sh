#!/usr/bin/env bash
# Xianzhi database backup: one consistent, compressed dump of the database in XZ_DATABASE_URL, made with MariaDB's
# own mariadb-dump (a single transaction: no table is locked, the API keeps writing), checked, then dumps older than
# --keep-days are deleted. Photos on local disk (XZ_PHOTOS_DIR) are not in it: copy that folder too (README).
#
#   xianzhi-backup.sh [--env-file /etc/xianzhi/xianzhi.env] [--dir /var/backups/xianzhi] [--keep-days 14]
#
# Writes DIR/xianzhi-<database>-<UTC time>.sql.gz and its .sha256, prints the dump's path. Restore with
# xianzhi-restore.sh. Run daily by deploy/systemd/xianzhi-backup.timer.
set -euo pipefail
umask 077
source "$(dirname "${BASH_SOURCE[0]}")/database-url.sh"

dir=/var/backups/xianzhi
keep_days=14
while [ $# -gt 0 ]; do
  case $1 in
    --dir) dir=${2:?--dir needs a folder}; shift 2 ;;
    --keep-days) keep_days=${2:?--keep-days needs a number}; shift 2 ;;
    --env-file) xz_read_env_file "${2:?--env-file needs a file}"; shift 2 ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) xz_backup_die "unknown argument: $1 (see --help)" ;;
  esac
done
[[ $keep_days =~ ^[0-9]+$ ]] || xz_backup_die "--keep-days must be a whole number of days"
command -v mariadb-dump >/dev/null || xz_backup_die "mariadb-dump not found: apt-get install mariadb-client"

xz_parse_database_url
xz_client_options
mkdir -p "$dir"

name="xianzhi-$db_name-$(date -u +%Y%m%dT%H%M%SZ).sql.gz"
partial="$dir/.$name.partial"
trap 'rm -rf "$xz_tmp" "$partial"' EXIT

# --single-transaction: a consistent snapshot of the InnoDB tables without locking them; --routines, --triggers and
# --events: everything stored in the database, not only tables; --hex-blob: binary columns survive any charset.
mariadb-dump --defaults-extra-file="$db_options" \
  --single-transaction --quick --routines --triggers --events --hex-blob --no-tablespaces \
  "$db_name" | gzip -6 >"$partial"

# A dump cut short (server gone, disk full) lacks mariadb-dump's closing line: keep the previous backups instead.
gzip -t "$partial" || xz_backup_die "the compressed dump is damaged"
zcat "$partial" | tail -n 1 | grep -q '^-- Dump completed' || xz_backup_die "the dump did not complete"
mv "$partial" "$dir/$name"
(cd "$dir" && sha256sum "$name" >"$name.sha256")

# Retention: dumps of this database older than --keep-days (never the one just made).
find "$dir" -maxdepth 1 -type f -name "xianzhi-$db_name-*.sql.gz" -mtime "+$keep_days" ! -name "$name" -print |
  while read -r old; do rm -f "$old" "$old.sha256"; done

echo "$dir/$name"
