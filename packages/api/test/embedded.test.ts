import { apiScenarios } from './scenarios/index.js';

// The embedded stack: a SQLite file in a temp folder, migrated by the committed migrations.
apiScenarios('sqlite');
