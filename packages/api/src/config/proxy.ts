import { isIP } from 'node:net';

/** Fastify's (proxy-addr's) names for whole address families of ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * XZ_TRUST_PROXY: `false` (X-Forwarded-* ignored), `true` (trusted from anyone), or the proxies' addresses and
 * CIDR ranges, comma-separated. With a list, the client address is the nearest X-Forwarded-For entry that is not a
 * trusted proxy, and a request that does not come from a listed address keeps its own socket address.
 */
export function readTrustProxy(text: string, problems: string[]): boolean | string[] {
  if (/^(false|0|no|off)$/i.test(text)) return false;
  if (/^(true|1|yes|on)$/i.test(text)) return true;
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const wrong = entries.filter((entry) => !isAddressOrRange(entry));
  if (entries.length === 0 || wrong.length > 0) {
    problems.push(
      `XZ_TRUST_PROXY must be false, true or proxy addresses and CIDR ranges separated by commas (e.g. 127.0.0.1,::1)${
        wrong.length > 0 ? `; not an address or range: ${wrong.map((w) => `"${w}"`).join(', ')}` : ''
      }`,
    );
    return false;
  }
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}
