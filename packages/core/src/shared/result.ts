/** Expected outcomes are returned, not thrown. Bugs and outages still throw. */
export type Result<T, E> = Ok<T> | Err<E>;
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}
export interface Err<E> {
  readonly ok: false;
  readonly error: E;
}

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });
export const okVoid: Ok<void> = ok(undefined);

/**
 * Whether a value of any type is an `err` Result: how a unit of work tells, from what its work
 * returned, that it must roll back.
 */
export function isErr(value: unknown): value is Err<unknown> {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false && 'error' in value;
}
