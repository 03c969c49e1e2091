import { InMemoryModerationCaseRepository, InMemoryReportRepository } from './in-memory-moderation.js';
import { inMemoryPersistence } from './in-memory.js';
import { moderationContract } from './moderation-contract.js';

moderationContract('in-memory', async () => {
  const p = inMemoryPersistence();
  return {
    cases: new InMemoryModerationCaseRepository(),
    reports: new InMemoryReportRepository(),
    uow: p.uow,
    outbox: p.outbox,
    prepareUsers: async () => {},
    dispose: async () => {},
  };
});
