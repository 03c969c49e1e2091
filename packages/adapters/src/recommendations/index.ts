export { SqlInteractionSource } from './sql-interaction-source.js';
export { SqlSignalStore } from './sql-signal-store.js';
export { SqlRecommendationCandidates } from './sql-recommendation-candidates.js';
