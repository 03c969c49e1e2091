import { createHmac } from 'node:crypto';
import type { SearcherKeys } from '@xianzhi/core';

/**
 * Who searched, as an HMAC of the identity with a key derived from the server secret and the day, over
 * the term: the same person gives different keys on different days and for different terms, so the
 * stored keys cannot be joined into anyone's search history, and they are deleted once the day is over.
 */
export class HmacSearcherKeys implements SearcherKeys {
  private readonly root: Buffer;

  constructor(secret: string) {
    this.root = createHmac('sha256', secret).update('xianzhi/searcher-key/v1').digest();
  }

  keyFor(identity: string, day: string, term: string): string {
    const dayKey = createHmac('sha256', this.root).update(day).digest();
    return createHmac('sha256', dayKey).update(`${term}\n${identity}`).digest('base64url').slice(0, 32);
  }
}
