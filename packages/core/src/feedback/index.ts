export * from './feedback.js';
export * from './errors.js';
export * from './ports.js';
export * from './views.js';
export * from './send-feedback.js';
export * from './answer-feedback.js';
export * from './list-feedback.js';
