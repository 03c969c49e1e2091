import { feedbackContract } from './feedback-contract.js';
import { inMemoryPersistence } from './in-memory.js';

feedbackContract('in-memory', async () => {
  const p = inMemoryPersistence();
  return { feedback: p.feedback, uow: p.uow, outbox: p.outbox, prepareUsers: async () => {}, dispose: async () => {} };
});
