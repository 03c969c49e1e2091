export * from './notification.js';
export * from './ports.js';
export * from './errors.js';
export * from './words.js';
export * from './rules.js';
export * from './notify.js';
export * from './delivery.js';
export * from './inbox.js';
