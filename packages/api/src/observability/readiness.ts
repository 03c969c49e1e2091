/** One dependency a process needs to do its work. */
export interface ReadinessCheck {
  readonly name: string;
  /**
   * Reported but not required: a process whose optional dependency is down still answers (read replicas:
   * their reads go to the primary), so it stays ready and in the load balancer.
   */
  readonly optional?: boolean;
  /** True when the dependency answers; may reject or hang, which `checkReadiness` bounds. */
  check(): Promise<boolean>;
}

/** The dependencies a process checks for /readyz, and the connection they hold (closed on shutdown). */
export interface ReadinessChecks {
  readonly checks: readonly ReadinessCheck[];
  close(): void;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: Record<string, 'up' | 'down'>;
}

/** Short, so a load balancer or Prometheus never waits long on a process whose database is gone. */
export const READINESS_TIMEOUT_MS = 1500;

/** Runs every check at once; one that rejects or takes longer than the timeout counts as down. */
export async function checkReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = READINESS_TIMEOUT_MS,
): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      try {
        return [c.name, await Promise.race([c.check().catch(() => false), timeout]), c.optional === true] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return {
    ready: results.every(([, up, optional]) => up || optional),
    checks: Object.fromEntries(results.map(([name, up]) => [name, up ? 'up' : 'down'])),
  };
}
