import { inMemoryPersistence } from './in-memory.js';
import { InMemoryOutboxLog, InMemoryProjectionCheckpoints } from './in-memory-search.js';
import {
  InMemoryInteractionSource,
  InMemoryRecommendationCandidates,
  InMemorySignalStore,
} from './in-memory-recommendations.js';
import { recommendationsContract } from './recommendations-contract.js';

recommendationsContract('in-memory', async () => {
  const p = inMemoryPersistence();
  return {
    ...p,
    interactions: new InMemoryInteractionSource(p.store),
    signals: new InMemorySignalStore(p.store),
    candidates: new InMemoryRecommendationCandidates(p.store),
    outboxLog: new InMemoryOutboxLog(p.store),
    checkpoints: new InMemoryProjectionCheckpoints(),
    dispose: async () => {},
  };
});
