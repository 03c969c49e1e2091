import { afterAll, beforeAll, describe } from 'vitest';
import type { DatabaseKind } from '../support/databases.js';
import { SCENARIO_BOOK_LIMITS, startStack, type Stack } from '../support/stack.js';
import { engagementScenarios } from './engagement.js';
import { feedScenarios } from './feed.js';
import { identityScenarios } from './identity.js';
import { lifecycleScenarios } from './lifecycle.js';
import { listingScenarios } from './listings.js';
import { photoScenarios } from './photos.js';
import { moderationScenarios } from './moderation.js';
import { platformScenarios } from './platform.js';
import { searchScenarios } from './search.js';
import { recommendationScenarios } from './recommendations.js';
import { sessionScenarios } from './sessions.js';
import { banScenarios } from './bans.js';
import { studentScenarios } from './students.js';
import { tradeScenarios } from './trades.js';

/** The same HTTP scenarios, run once per database the platform supports. */
export function apiScenarios(kind: DatabaseKind): void {
  describe(`API on ${kind}`, () => {
    let stack: Stack | undefined;
    const get = () => {
      if (!stack) throw new Error('stack not started');
      return stack;
    };
    beforeAll(async () => {
      stack = await startStack(kind, { env: SCENARIO_BOOK_LIMITS });
    });
    afterAll(async () => {
      await stack?.close();
    });

    platformScenarios(get);
    listingScenarios(get);
    identityScenarios(get);
    engagementScenarios(get);
    feedScenarios(get);
    lifecycleScenarios(get);
    sessionScenarios(get);
    searchScenarios(get);
    recommendationScenarios(get);
    photoScenarios(get);
    moderationScenarios(get);
    banScenarios(get);
    studentScenarios(get);
    tradeScenarios(get);
  });
}
