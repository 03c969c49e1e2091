import { Migration20261124000000Initial } from './Migration20261124000000Initial.js';

/** Every committed migration, in order. Listed explicitly so compiled and source runs agree. */
export const MIGRATIONS = [{ name: 'Migration20261124000000Initial', class: Migration20261124000000Initial }];
