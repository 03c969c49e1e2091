/**
 * Runs work atomically: every repository and outbox write made inside `run` commits together or
 * not at all. Adapters bind repositories to the current transaction themselves.
 *
 * The unit commits only when the work succeeds: a thrown error, or a returned `err` Result (see
 * `isErr`), rolls every write back, and `run` throws that error or answers that `err` unchanged. So
 * a use case may refuse after it has written (attached photos, then found the listing sold) without
 * leaving half a change behind. A write that must outlast a refusal (revoking a replayed token's
 * family) belongs in a unit of its own.
 *
 * A `run` inside another joins it: only the outermost unit commits, rolls back or retries, so a
 * caller that turns an inner `err` into success keeps what the inner work wrote.
 */
export interface UnitOfWork {
  run<T>(work: () => Promise<T>): Promise<T>;
}
