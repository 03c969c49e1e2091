import { fuzzEveryRoute } from './support/fuzz/suite.js';

// Issue 16: the OpenAPI-driven fuzzer (support/fuzz/suite.ts) on the embedded SQLite stack; one file per database so the two run side by side.
fuzzEveryRoute('sqlite');
