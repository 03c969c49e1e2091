export { FakeCasServer, type FakeCasAccount, type FakeCasMode } from './fake-cas.js';
export { FakeCampusPortal, fakePortalSettings, type FakePortalMode } from './fake-portal.js';
export { listenOnLoopback, readBody, type LoopbackServer } from './server.js';
export { FakeS3Server, type FakeS3Outage } from '../../photos/testing/fake-s3-server.js';
export {
  deleteKeys,
  freePort,
  startPrivateRedis,
  testRedisUrl,
  uniquePrefix,
  type PrivateRedis,
} from '../../queue/testing/redis.js';
export {
  startPrivateMariaDb,
  replicate,
  startReplicaOf,
  type PrivateMariaDb,
  type PrivateMariaDbOptions,
  type PrivateReplica,
} from '../../persistence/testing/private-mariadb.js';
