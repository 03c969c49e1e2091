import { aCampus, aUser, feedbackContract } from '@xianzhi/core/testing';
import { onRealDatabases } from './test-databases.js';

/** Feedback on real databases: the author's foreign key, reply rows, and both orders of the admin list. */
onRealDatabases('feedback', (name, fresh) => {
  feedbackContract(name, async () => {
    const persistence = await fresh();
    await persistence.campuses.save(aCampus());
    return {
      feedback: persistence.feedback,
      uow: persistence.uow,
      outbox: persistence.outbox,
      prepareUsers: async (ids) => {
        for (const id of ids) await persistence.users.save(aUser({ id }));
      },
      dispose: async () => {},
    };
  });
});
