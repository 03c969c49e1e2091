import { studentVerificationContract, aCampus, aUser } from '@xianzhi/core/testing';
import { onRealDatabases } from './test-databases.js';

/** The student-number bindings on real databases, where the unique index does the deciding. */
onRealDatabases('verification', (name, fresh) => {
  studentVerificationContract(name, async () => {
    const persistence = await fresh();
    await persistence.campuses.save(aCampus());
    await persistence.campuses.save(aCampus({ id: 'other-campus', name: '隔壁大学' }));
    return {
      verifications: persistence.verifications,
      uow: persistence.uow,
      outbox: persistence.outbox,
      prepareUsers: async (ids) => {
        for (const id of ids) await persistence.users.save(aUser({ id, verified: false }));
      },
      dispose: async () => {},
    };
  });
});
