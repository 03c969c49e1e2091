/** One dependency a process needs to do its work. */
export interface ReadinessCheck {
  readonly name: string;
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
        return [c.name, await Promise.race([c.check().catch(() => false), timeout])] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return {
    ready: results.every(([, up]) => up),
    checks: Object.fromEntries(results.map(([name, up]) => [name, up ? 'up' : 'down'])),
  };
}
