import { aCampus, aUser, moderationContract } from '@xianzhi/core/testing';
import { onRealDatabases } from './test-databases.js';

/** Moderation on real databases, where unique indexes decide one open case per target and one report per reporter. */
onRealDatabases('moderation', (name, fresh) => {
  moderationContract(name, async () => {
    const persistence = await fresh();
    await persistence.campuses.save(aCampus());
    return {
      cases: persistence.moderationCases,
      reports: persistence.reports,
      uow: persistence.uow,
      outbox: persistence.outbox,
      prepareUsers: async (ids) => {
        for (const id of ids) await persistence.users.save(aUser({ id }));
      },
      dispose: async () => {},
    };
  });
});
