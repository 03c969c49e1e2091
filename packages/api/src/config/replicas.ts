import { parseReplicaUrls } from '@xianzhi/adapters';

/** XZ_DATABASE_REPLICAS, checked against XZ_DATABASE_URL: kept as given (the store parses it again), '' for none. */
export function readReplicas(text: string | undefined, databaseUrl: string, problems: string[]): string {
  if (text === undefined || text.trim() === '') return '';
  try {
    parseReplicaUrls(text, databaseUrl);
    return text;
  } catch (error) {
    problems.push((error as Error).message);
    return '';
  }
}
