/**
 * MariaDB GTID positions (`@@gtid_binlog_pos`, `@@gtid_slave_pos`): one `domain-server-sequence` per
 * replication domain, comma-separated ("0-1-42,1-2-7"). Within a domain the sequence only grows, whichever
 * server wrote it (a failover keeps the domain's sequence), so one position has seen everything another has
 * when, domain by domain, its sequence is at least the other's.
 */
export function parseGtidPosition(position: string): Map<number, bigint> {
  const domains = new Map<number, bigint>();
  for (const part of position.split(',')) {
    const text = part.trim();
    if (text === '') continue;
    const match = /^(\d+)-(\d+)-(\d+)$/.exec(text);
    if (!match) throw new Error(`not a MariaDB GTID position: "${position}"`);
    const domain = Number(match[1]);
    const sequence = BigInt(match[3]!);
    const known = domains.get(domain);
    if (known === undefined || sequence > known) domains.set(domain, sequence);
  }
  return domains;
}

/** True when `have` includes every transaction of `need` (an empty `need` asks for nothing). */
export function gtidCovers(have: string, need: string): boolean {
  const seen = parseGtidPosition(have);
  for (const [domain, sequence] of parseGtidPosition(need)) {
    if ((seen.get(domain) ?? -1n) < sequence) return false;
  }
  return true;
}

/** Whether a string is a position this module can read: for values coming back from Redis. */
export function isGtidPosition(position: string): boolean {
  try {
    parseGtidPosition(position);
    return true;
  } catch {
    return false;
  }
}
