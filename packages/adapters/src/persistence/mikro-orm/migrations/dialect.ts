/**
 * Column types for the two dialects we ship, so one committed migration serves SQLite (embedded)
 * and MySQL 8 / MariaDB (production). Anything dialect-specific in a migration goes through here.
 */
export type Dialect = 'sqlite' | 'mysql';

export function columnTypes(d: Dialect) {
  const my = d === 'mysql';
  return {
    id: my ? 'varchar(26)' : 'text',
    str: (n: number) => (my ? `varchar(${n})` : 'text'),
    text: my ? 'text' : 'text',
    int: my ? 'int' : 'integer',
    bigAuto: my ? 'bigint unsigned not null auto_increment primary key' : 'integer primary key autoincrement',
    bool: my ? 'tinyint(1)' : 'integer',
    time: my ? 'datetime(3)' : 'datetime',
    json: my ? 'json' : 'text',
    /** Trailing table options: utf8mb4 so every Chinese character and emoji fits. */
    table: my ? ' engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci' : '',
    virtualBool: (expr: string) =>
      my ? `tinyint(1) as (${expr}) virtual` : `integer generated always as (${expr}) virtual`,
  };
}
