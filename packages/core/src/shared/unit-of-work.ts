/**
 * Runs work atomically: every repository and outbox write made inside `run` commits together or
 * not at all. Adapters bind repositories to the current transaction themselves.
 */
export interface UnitOfWork {
  run<T>(work: () => Promise<T>): Promise<T>;
}
