import { aCampus, aUser, recommendationsContract } from '@xianzhi/core/testing';
import { onRealDatabases } from '../persistence/mikro-orm/test-databases.js';

onRealDatabases('recs', (name, fresh) => {
  recommendationsContract(name, async () => {
    const p = await fresh();
    await p.campuses.save(aCampus());
    await p.campuses.save(aCampus({ id: 'other-campus', name: '隔壁大学' }));
    for (const id of ['user-owner', 'stu-a', 'stu-b', 'stu-c'])
      await p.users.save(aUser({ id, qqOpenId: `OPENID-${id}` }));
    return { ...p, dispose: async () => {} };
  });
});
