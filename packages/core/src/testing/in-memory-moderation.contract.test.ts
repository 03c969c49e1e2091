import { InMemoryModerationCaseRepository, InMemoryReportRepository } from './in-memory-moderation.js';
import { inMemoryPersistence } from './in-memory.js';
import { moderationContract } from './moderation-contract.js';

moderationContract('in-memory', async () => ({
  cases: new InMemoryModerationCaseRepository(),
  reports: new InMemoryReportRepository(),
  uow: inMemoryPersistence().uow,
  prepareUsers: async () => {},
  dispose: async () => {},
}));
