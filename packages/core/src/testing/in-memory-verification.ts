import type {
  StudentNumberHasher,
  StudentVerification,
  StudentVerificationRepository,
} from '../identity/campus-verification.js';
import type { InMemoryStore } from './in-memory-store.js';

/** Bindings live in the shared store's table, so a unit of work that throws takes them back too. */
export class InMemoryStudentVerificationRepository implements StudentVerificationRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table(): Map<string, StudentVerification> {
    return this.store.tables.studentVerifications;
  }
  async byUser(userId: string): Promise<StudentVerification | null> {
    const v = this.table.get(userId);
    return v ? { ...v, verifiedAt: new Date(v.verifiedAt) } : null;
  }
  async byStudentNumber(campusId: string, studentNumberHash: string): Promise<StudentVerification | null> {
    const v = [...this.table.values()].find(
      (x) => x.campusId === campusId && x.studentNumberHash === studentNumberHash,
    );
    return v ? { ...v, verifiedAt: new Date(v.verifiedAt) } : null;
  }
  async save(v: StudentVerification): Promise<'saved' | 'taken'> {
    const clash = [...this.table.values()].find(
      (x) => x.campusId === v.campusId && x.studentNumberHash === v.studentNumberHash && x.userId !== v.userId,
    );
    if (clash) return 'taken';
    this.table.set(v.userId, { ...v, verifiedAt: new Date(v.verifiedAt) });
    return 'saved';
  }
  async removeForUser(userId: string): Promise<boolean> {
    return this.table.delete(userId);
  }
}

/**
 * A stand-in for the HMAC hasher in tests: deterministic, keyed, and never the number itself. Not
 * a cryptographic hash: core has no crypto; the adapters' hasher uses HMAC-SHA256.
 */
export class FakeStudentNumberHasher implements StudentNumberHasher {
  constructor(private readonly key = 'test-key') {}
  hash(campusId: string, studentNumber: string): string {
    const text = `${this.key}|${campusId}|${studentNumber.trim().toUpperCase()}`;
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return `fake-${(h2 >>> 0).toString(16).padStart(8, '0')}${(h1 >>> 0).toString(16).padStart(8, '0')}`;
  }
}
