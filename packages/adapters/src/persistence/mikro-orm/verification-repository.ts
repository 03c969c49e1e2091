import { EntitySchema, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { StudentVerification, StudentVerificationRepository } from '@xianzhi/core';
import type { OrmContext } from './context.js';

export class StudentVerificationRow {
  userId!: string;
  campusId!: string;
  studentNumberHash!: string;
  verifiedAt!: Date;
}

export const StudentVerificationSchema = new EntitySchema<StudentVerificationRow>({
  class: StudentVerificationRow,
  tableName: 'student_verification',
  properties: {
    userId: { type: 'string', length: 26, primary: true },
    campusId: { type: 'string', length: 40 },
    studentNumberHash: { type: 'string', length: 64 },
    verifiedAt: { type: 'datetime', length: 3 },
  },
});

const plain = (r: StudentVerificationRow | null): StudentVerification | null =>
  r
    ? {
        userId: r.userId,
        campusId: r.campusId,
        studentNumberHash: r.studentNumberHash,
        verifiedAt: new Date(r.verifiedAt),
      }
    : null;

/**
 * Bindings are read outside the identity map: a row the unit's EntityManager held would be written back
 * by the next flush in the unit (VerifyStudent saves the user after the binding), and on SQLite a loaded
 * row's dates always count as changed, so a re-verification's `verified_at` went back to its old value.
 */
export class MikroOrmStudentVerificationRepository implements StudentVerificationRepository {
  constructor(private readonly ctx: OrmContext) {}

  async byUser(userId: string): Promise<StudentVerification | null> {
    return plain(
      await this.ctx.em().findOne(StudentVerificationRow, { userId }, { refresh: true, disableIdentityMap: true }),
    );
  }

  async byStudentNumber(campusId: string, studentNumberHash: string): Promise<StudentVerification | null> {
    return plain(
      await this.ctx
        .em()
        .findOne(StudentVerificationRow, { campusId, studentNumberHash }, { refresh: true, disableIdentityMap: true }),
    );
  }

  async save(v: StudentVerification): Promise<'saved' | 'taken'> {
    const em = this.ctx.em();
    const row = { campusId: v.campusId, studentNumberHash: v.studentNumberHash, verifiedAt: v.verifiedAt };
    try {
      // Native statements: the unique index, not a read before the write, decides who holds a number.
      const updated = await em.nativeUpdate(StudentVerificationRow, { userId: v.userId }, row);
      if (updated === 0) await em.insert(StudentVerificationRow, { userId: v.userId, ...row });
      return 'saved';
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return 'taken';
      throw error;
    }
  }

  async removeForUser(userId: string): Promise<boolean> {
    return (await this.ctx.em().nativeDelete(StudentVerificationRow, { userId })) > 0;
  }
}
