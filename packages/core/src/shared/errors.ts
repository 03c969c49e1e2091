/**
 * Base of every expected failure. `code` is a stable string the API maps to an HTTP status
 * and clients switch on; `message` is for people; `details` is structured context.
 */
export abstract class DomainError<C extends string = string> {
  abstract readonly code: C;
  constructor(
    readonly message: string,
    readonly details?: unknown,
  ) {}
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export class ValidationFailed extends DomainError<'VALIDATION_FAILED'> {
  readonly code = 'VALIDATION_FAILED' as const;
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
}

/** Collects field problems so one response can name every bad field at once. */
export class Problems {
  private readonly list: FieldProblem[] = [];
  add(field: string, message: string): this {
    this.list.push({ field, message });
    return this;
  }
  check(condition: boolean, field: string, message: string): this {
    if (!condition) this.add(field, message);
    return this;
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  toError(): ValidationFailed {
    return new ValidationFailed([...this.list]);
  }
}
