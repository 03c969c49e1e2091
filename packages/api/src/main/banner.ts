import { redactDatabaseUrl } from '@xianzhi/adapters';
import type { AppConfig } from '../config.js';
import { DEMO_USERS } from '../seed/demo-world.js';

/** What a person starting the server needs to see first: where to click, and how to log in. */
export function banner(config: AppConfig, baseUrl: string): string {
  const lines = ['', `  闲置 Xianzhi is running (${config.env} mode)`, ''];
  if (config.env === 'embedded') {
    lines.push(`  H5 mini-program   ${baseUrl}/h5/`);
    lines.push(`  Admin             ${baseUrl}/admin/`);
  }
  lines.push(`  API docs          ${baseUrl}/docs`);
  lines.push(`  Feed (JSON)       ${baseUrl}/v1/listings`);
  lines.push(`  Database          ${redactDatabaseUrl(config.databaseUrl)}`);
  for (const replica of config.databaseReplicas.split(',').filter((r) => r.trim() !== '')) {
    lines.push(`  Read replica      ${redactDatabaseUrl(replica.trim())}`);
  }
  lines.push(
    !config.redis
      ? '  Jobs              in this process (in-process queue)'
      : config.databaseUrl.startsWith('sqlite:')
        ? `  Jobs              BullMQ on ${redactRedisUrl(config.redis.url)}, run in this process (SQLite)`
        : `  Jobs              BullMQ on ${redactRedisUrl(config.redis.url)}; run them with ./xz worker`,
  );
  if (config.env === 'embedded') {
    const who = DEMO_USERS.map((u) => `${u.handle}${u.verified ? '' : ' (unverified)'}`).join(', ');
    lines.push('');
    lines.push(`  Demo students     ${who} (QQ code demo:<name>, e.g. demo:alice)`);
    // The documented default only: a password someone chose is never printed.
    if (config.demoAdminPassword) {
      lines.push(
        `  Demo admin        admin / ${config.demoAdminPassword === 'xianzhi-admin-demo' ? 'xianzhi-admin-demo' : '(XZ_DEMO_ADMIN_PASSWORD)'}`,
      );
    }
    lines.push(
      `                    curl -X POST ${baseUrl}/v1/dev/login -H 'content-type: application/json' -d '{"user":"alice"}'`,
    );
  }
  lines.push('', '  Ctrl+C stops the server.', '');
  return lines.join('\n');
}

/** The Redis address without its password. */
export function redactRedisUrl(url: string): string {
  return url.replace(
    /\/\/([^@/]*)@/,
    (_, auth: string) => `//${auth.includes(':') ? `${auth.split(':')[0]}:***` : '***'}@`,
  );
}
