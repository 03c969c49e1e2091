/**
 * Request limits per route family (issue 13, "Rate limits"; issue 16, finding 5). Each family counts
 * requests per signed-in account and, separately, per client address, in fixed windows; a request is
 * refused when either counter is full. The per-address limit is the higher one: a dormitory or a whole
 * campus may reach us from one NAT address, while one account is one person.
 *
 * The defaults are for real students: a few listings in an evening, a conversation in the comments, a
 * handful of photos per listing, browsing with search as fast as a thumb scrolls. They stop the bursts
 * of finding 5 (200 comments in a second, 100 listings, 60 uploads) after the first few dozen.
 */
export const RATE_LIMIT_FAMILIES = [
  'publish',
  'edit',
  'comment',
  'report',
  'upload',
  'favorite',
  'feedback',
  'trade',
  'saved_search',
  'search',
  'suggest',
  'default',
] as const;
export type RateLimitFamily = (typeof RATE_LIMIT_FAMILIES)[number];

export interface RateLimit {
  /** Requests one account (student or admin) may make in a window. */
  readonly perUser: number;
  /** Requests one client address may make in a window, whoever signed in. */
  readonly perAddress: number;
  readonly windowSeconds: number;
}

export type RateLimits = Readonly<Record<RateLimitFamily, RateLimit>>;

const HOUR = 3600;
const TEN_MINUTES = 600;
const MINUTE = 60;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  // A student emptying a dorm room lists ten or twenty things in an evening; not a hundred in a second.
  publish: { perUser: 20, perAddress: 200, windowSeconds: HOUR },
  // Edits, price changes, 擦亮, sold/withdrawn/relisted: a few per listing while tidying up.
  edit: { perUser: 60, perAddress: 600, windowSeconds: TEN_MINUTES },
  // Comments and replies: a lively bargaining is a message every 20 seconds.
  comment: { perUser: 30, perAddress: 300, windowSeconds: TEN_MINUTES },
  // Reports are rare; ten an hour is already a moderator's afternoon.
  report: { perUser: 10, perAddress: 100, windowSeconds: HOUR },
  // Up to 9 photos a listing, retries included: four listings' worth in ten minutes.
  upload: { perUser: 40, perAddress: 400, windowSeconds: TEN_MINUTES },
  // Favoriting while scrolling the feed, and changing one's mind.
  favorite: { perUser: 60, perAddress: 600, windowSeconds: TEN_MINUTES },
  // The feedback use case keeps its own limit of 10 a day, with its own message: this one is above it and
  // only stops a client that keeps sending after being told.
  feedback: { perUser: 20, perAddress: 200, windowSeconds: HOUR },
  // 想要, offers and their answers, trades, confirmations and ratings: a busy seller answers a few dozen.
  trade: { perUser: 60, perAddress: 600, windowSeconds: TEN_MINUTES },
  // Saving and deleting searches: a student keeps at most 20, so tidying them up is a few dozen writes.
  saved_search: { perUser: 30, perAddress: 300, windowSeconds: TEN_MINUTES },
  // A search (or its next page) a second; visitors are only addresses, so many share one on a campus NAT.
  search: { perUser: 60, perAddress: 1200, windowSeconds: MINUTE },
  // One suggestion request per keystroke.
  suggest: { perUser: 120, perAddress: 2400, windowSeconds: MINUTE },
  // Every other write (marking notices read, settings, admin work): generous, only a runaway client meets it.
  default: { perUser: 120, perAddress: 1200, windowSeconds: MINUTE },
};

const BOUNDS: Record<keyof RateLimit, readonly [number, number]> = {
  perUser: [1, 1_000_000],
  perAddress: [1, 1_000_000],
  windowSeconds: [1, 86_400],
};

/**
 * The defaults with the overrides of `XZ_RATE_LIMITS` (a JSON object of families, each with any of
 * `perUser`, `perAddress`, `windowSeconds`). Every problem is added to `problems`, named precisely.
 */
export function readRateLimits(text: string | undefined, problems: string[]): RateLimits {
  if (text === undefined) return DEFAULT_RATE_LIMITS;
  const name = 'XZ_RATE_LIMITS';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    problems.push(`${name} must be a JSON object, e.g. {"comment":{"perUser":30,"windowSeconds":600}}`);
    return DEFAULT_RATE_LIMITS;
  }
  if (!isObject(parsed)) {
    problems.push(`${name} must be a JSON object of families (${RATE_LIMIT_FAMILIES.join(', ')})`);
    return DEFAULT_RATE_LIMITS;
  }
  const limits: Record<string, RateLimit> = { ...DEFAULT_RATE_LIMITS };
  for (const [family, override] of Object.entries(parsed)) {
    if (!(RATE_LIMIT_FAMILIES as readonly string[]).includes(family)) {
      problems.push(`${name} names an unknown family "${family}" (known: ${RATE_LIMIT_FAMILIES.join(', ')})`);
      continue;
    }
    if (!isObject(override)) {
      problems.push(`${name}.${family} must be an object with perUser, perAddress and/or windowSeconds`);
      continue;
    }
    const merged: Record<string, number> = { ...limits[family] };
    for (const [field, value] of Object.entries(override)) {
      const bounds = BOUNDS[field as keyof RateLimit] as readonly [number, number] | undefined;
      if (!bounds) {
        problems.push(`${name}.${family} has an unknown field "${field}" (perUser, perAddress, windowSeconds)`);
      } else if (!Number.isInteger(value) || (value as number) < bounds[0] || (value as number) > bounds[1]) {
        problems.push(`${name}.${family}.${field} must be a whole number from ${bounds[0]} to ${bounds[1]}`);
      } else merged[field] = value as number;
    }
    limits[family] = merged as unknown as RateLimit;
  }
  return limits as RateLimits;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
