export { PinyinSearchTokenizer, oneEditVariants } from './tokenizer.js';
export { SqlSearchIndexStore } from './store.js';
export { SqlOutboxLog, SqlProjectionCheckpoints } from './outbox-log.js';
