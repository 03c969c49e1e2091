export * from './builders.js';
export * from './in-memory.js';
export * from './contracts.js';
export * from './kit.js';
