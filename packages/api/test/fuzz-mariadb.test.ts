import { fuzzEveryRoute } from './support/fuzz/suite.js';

// Issue 16: the OpenAPI-driven fuzzer (support/fuzz/suite.ts) on MariaDB; one file per database so the two run side by side.
fuzzEveryRoute('mariadb');
