import type { Environment, OperationsSettings } from './app-config.js';
import type { ConfigReader } from './read.js';

/** scheme://host[:port], as a browser sends it in `Origin`; no path, query or trailing slash. */
const ORIGIN = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:\d{1,5})?$/i;

/** CORS, the API docs and the metrics ports: how the server faces browsers and the operators' tools. */
export function readOperations(
  vars: ConfigReader,
  mode: Environment,
  httpPort: number,
  problems: string[],
): OperationsSettings {
  const corsOrigins: string[] = [];
  for (const entry of (vars.get('XZ_CORS_ORIGINS') ?? '').split(',')) {
    const origin = entry.trim();
    if (origin === '') continue;
    if (origin === '*' || !ORIGIN.test(origin) || Number(origin.split(':')[2] ?? '1') > 65535) {
      problems.push(
        `XZ_CORS_ORIGINS must list origins like https://admin.example.edu.cn (scheme, host, optional port; no path, no *), got "${origin}"`,
      );
      continue;
    }
    corsOrigins.push(origin.toLowerCase());
  }
  const docs = vars.get('XZ_DOCS') ?? (mode === 'embedded' ? 'on' : 'off');
  const apiPort = vars.get('XZ_METRICS_PORT') ?? null;
  const workerPort = vars.get('XZ_WORKER_METRICS_PORT') ?? null;
  if (apiPort !== null && apiPort === httpPort)
    problems.push('XZ_METRICS_PORT must differ from XZ_PORT: the metrics stay off the public port');
  if (workerPort !== null && workerPort === apiPort)
    problems.push('XZ_WORKER_METRICS_PORT must differ from XZ_METRICS_PORT (on one host both would listen)');
  return {
    corsOrigins: [...new Set(corsOrigins)],
    docs: docs === 'on',
    metrics: { host: vars.get('XZ_METRICS_HOST'), apiPort, workerPort },
  };
}
