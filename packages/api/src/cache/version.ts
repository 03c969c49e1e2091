/** A counter every process can see: Redis in production (`RedisVersionCounter`), none when embedded. */
export interface SharedCounter {
  read(): Promise<string>;
  bump(): Promise<string>;
  close(): Promise<void>;
}

export interface CacheVersionOptions {
  /** How often the shared counter is read. */
  readonly pollMs?: number;
  /** Past this age of the last successful read the version is unknown, and nothing is served from cache. */
  readonly staleAfterMs?: number;
  /** A monotonic clock in milliseconds. */
  readonly now?: () => number;
  readonly onError?: (error: unknown) => void;
}

/**
 * The version of everything a cached response body can show: listings, sellers, categories, campuses.
 * Per process: each process holds its own copy, made of the shared counter's last value (read every
 * `pollMs`, so another process's change is seen within `pollMs` plus one Redis round trip) and a local
 * count of this process's own bumps (so its own change is seen at once, before Redis even answers).
 * Without a shared counter (embedded: one process) the local count alone is the version.
 *
 * `current()` is null while the shared value is older than `staleAfterMs` (Redis away or slow): callers
 * then neither read nor fill the cache, because another process may have changed something meanwhile.
 */
export class CacheVersion {
  private shared = '0';
  private local = 0;
  private lastRead = Number.NEGATIVE_INFINITY;
  /** Moves when a bump starts and when it ends; a read that overlapped either is dropped as possibly older. */
  private bumpEpoch = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly pollMs: number;
  private readonly staleAfterMs: number;
  private readonly now: () => number;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly counter: SharedCounter | null,
    options: CacheVersionOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 250;
    this.staleAfterMs = options.staleAfterMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
    this.onError = options.onError ?? (() => {});
  }

  /** Starts reading the shared counter; the timer does not keep the process alive. */
  start(): this {
    if (this.counter && !this.timer) {
      this.timer = setInterval(() => void this.poll(), this.pollMs);
      this.timer.unref();
      void this.poll();
    }
    return this;
  }

  current(): string | null {
    if (this.counter && this.now() - this.lastRead > this.staleAfterMs) return null;
    return `${this.shared}.${this.local}`;
  }

  /** After a change has committed: this process sees it now, the others at their next read. Never throws. */
  async bump(): Promise<void> {
    this.local++;
    if (!this.counter) return;
    this.bumpEpoch++;
    try {
      const value = await this.counter.bump();
      this.shared = value;
      this.lastRead = this.now();
    } catch (error) {
      this.onError(error);
    } finally {
      this.bumpEpoch++;
    }
  }

  async poll(): Promise<void> {
    if (!this.counter) return;
    const epoch = this.bumpEpoch;
    const startedAt = this.now();
    try {
      const value = await this.counter.read();
      if (epoch !== this.bumpEpoch || epoch % 2 === 1) return;
      this.shared = value;
      // Fresh as of when the read was sent: a slow answer is no newer than that.
      this.lastRead = startedAt;
    } catch (error) {
      this.onError(error);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.counter?.close();
  }
}
