export { migrateDatabase, openPersistence, type Persistence } from '@xianzhi/adapters';
