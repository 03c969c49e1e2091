export * from './builders.js';
export * from './in-memory.js';
export * from './in-memory-verification.js';
export * from './contracts.js';
export * from './campus-contracts.js';
export * from './kit.js';
