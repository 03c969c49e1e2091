import { createHmac } from 'node:crypto';
import type { StudentNumberHasher } from '@xianzhi/core';

/**
 * HMAC-SHA256 of `campus id + student number` under a key derived from the server secret: the
 * database alone cannot be searched for a number, and no other use of the secret shares the key.
 */
export class HmacStudentNumberHasher implements StudentNumberHasher {
  private readonly key: Buffer;
  constructor(serverSecret: string) {
    this.key = createHmac('sha256', serverSecret).update('xianzhi/student-number/v1').digest();
  }
  hash(campusId: string, studentNumber: string): string {
    return createHmac('sha256', this.key)
      .update(`${campusId}\n${studentNumber.trim().toUpperCase()}`)
      .digest('base64url');
  }
}
