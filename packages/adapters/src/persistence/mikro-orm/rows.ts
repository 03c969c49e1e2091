/*
 * Readers for rows of hand-written SQL, which skips MikroORM's mapping: values arrive as each driver
 * returns them (a datetime is a Date on MariaDB and epoch milliseconds on SQLite; JSON may come as text).
 */

export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function orNull<T>(value: unknown, map: (v: unknown) => T): T | null {
  return value === null || value === undefined ? null : map(value);
}

/** A datetime column as the driver returns it: a Date (MySQL/MariaDB) or epoch milliseconds (SQLite). */
export function toDate(value: unknown): Date {
  return value instanceof Date
    ? value
    : new Date(typeof value === 'string' && !/^\d+$/.test(value) ? value : Number(value));
}
