import { DomainError } from './errors.js';
import { err, ok, type Result } from './result.js';

/** What a checker says about a piece of content. `unavailable`: it could not be asked (down, slow, quota). */
export type SafetyVerdict =
  { readonly kind: 'ok' } | { readonly kind: 'risky'; readonly label: string } | { readonly kind: 'unavailable' };

export type SafetyScene = 'listing' | 'comment' | 'profile' | 'photo';

export interface SafetyContext {
  readonly scene: SafetyScene;
  /** The author's QQ openid when known: QQ's checker weighs the account's history too. */
  readonly authorOpenId?: string | null;
}

/**
 * Screens user content before others see it (QQ's MsgSecCheck/ImgSecCheck in production, a word list
 * embedded). Never throws for an outage: that is `unavailable`, and the policy decides what follows.
 */
export interface ContentSafety {
  checkText(text: string, context: SafetyContext): Promise<SafetyVerdict>;
  /** `bytes` is an image of at most 1 MB (QQ's limit): callers send a small variant, never the original. */
  checkImage(bytes: Uint8Array, context: SafetyContext): Promise<SafetyVerdict>;
}

/** When the checker cannot answer: publish and queue the content for an admin, or refuse and ask to retry. */
export type SafetyUnavailablePolicy = 'accept' | 'refuse';

export const SAFETY_FIELD_NAMES: Readonly<Record<string, string>> = {
  title: '标题',
  description: '描述',
  body: '留言',
  nickname: '昵称',
  photo: '照片',
  text: '反馈内容',
};

export class ContentRisky extends DomainError<'CONTENT_RISKY'> {
  readonly code = 'CONTENT_RISKY' as const;
  constructor(
    readonly field: string,
    readonly label: string,
  ) {
    super(`${SAFETY_FIELD_NAMES[field] ?? field}包含不允许发布的内容，请修改后再提交`, { field, label });
  }
}

export class ContentSafetyUnavailable extends DomainError<'CONTENT_SAFETY_UNAVAILABLE'> {
  readonly code = 'CONTENT_SAFETY_UNAVAILABLE' as const;
  constructor(readonly field: string) {
    super('内容安全检查暂时不可用，请稍后再试（你填写的内容未丢失）', { field });
  }
}

export interface ScreenedText {
  readonly field: string;
  readonly text: string;
}

/** Fields let through unchecked because the checker was down (policy `accept`): they go to the review queue. */
export interface Screening {
  readonly unchecked: readonly string[];
}

/** Where content let through unchecked waits for an admin (the moderation review queue). */
export interface UncheckedContentQueue {
  add(input: {
    targetType: 'listing' | 'comment' | 'user' | 'photo';
    targetId: string;
    campusId: string;
    fields: readonly string[];
    now: Date;
  }): Promise<void>;
}

/**
 * Applies a ContentSafety and the unavailable policy to the fields of one submission. Checks run before
 * any transaction opens, so a slow checker never holds a database lock.
 */
export class ContentScreening {
  constructor(
    private readonly safety: ContentSafety,
    private readonly whenUnavailable: SafetyUnavailablePolicy,
    private readonly queue: UncheckedContentQueue | null = null,
  ) {}

  /** Queues what a screening let through unchecked; call it inside the unit of work that saves the content. */
  async queueUnchecked(
    screening: Screening,
    target: { targetType: 'listing' | 'comment' | 'user' | 'photo'; targetId: string; campusId: string; now: Date },
  ): Promise<void> {
    if (screening.unchecked.length === 0) return;
    if (!this.queue) throw new Error('content accepted unchecked but no review queue is configured');
    await this.queue.add({ ...target, fields: screening.unchecked });
  }

  async texts(
    fields: readonly ScreenedText[],
    context: SafetyContext,
  ): Promise<Result<Screening, ContentRisky | ContentSafetyUnavailable>> {
    const unchecked: string[] = [];
    for (const f of fields) {
      if (f.text.trim() === '') continue;
      const verdict = await this.safety.checkText(f.text, context);
      const decided = this.decide(f.field, verdict);
      if (!decided.ok) return decided;
      if (decided.value) unchecked.push(f.field);
    }
    return ok({ unchecked });
  }

  async image(
    bytes: Uint8Array,
    context: SafetyContext,
  ): Promise<Result<Screening, ContentRisky | ContentSafetyUnavailable>> {
    const decided = this.decide('photo', await this.safety.checkImage(bytes, context));
    if (!decided.ok) return decided;
    return ok({ unchecked: decided.value ? ['photo'] : [] });
  }

  /** ok(true): let through unchecked. */
  private decide(field: string, verdict: SafetyVerdict): Result<boolean, ContentRisky | ContentSafetyUnavailable> {
    if (verdict.kind === 'risky') return err(new ContentRisky(field, verdict.label));
    if (verdict.kind === 'unavailable') {
      return this.whenUnavailable === 'accept' ? ok(true) : err(new ContentSafetyUnavailable(field));
    }
    return ok(false);
  }
}

/** Lets everything through: for tests and embedders who screen content elsewhere. */
export const acceptAllContent: ContentSafety = {
  checkText: async () => ({ kind: 'ok' }),
  checkImage: async () => ({ kind: 'ok' }),
};

/** The default of use cases built without a checker. */
export const noScreening = new ContentScreening(acceptAllContent, 'refuse');
