import { apiScenarios } from './scenarios/index.js';

// The production database. XZ_TEST_MARIADB_URL must be set (./xz test starts MariaDB); a missing
// or unreachable server fails this file rather than skipping it.
apiScenarios('mariadb');
