import type { ContentSafety, SafetyContext, SafetyVerdict } from '@xianzhi/core';

/**
 * Words a campus market should not carry: exam and essay fraud, fake invoices and certificates, order
 * brushing, weapons, gambling, drugs. `违禁测试词` is there so anyone can see the refusal in the demo.
 */
export const DEMO_BLOCKED_WORDS: readonly string[] = [
  '代考',
  '替考',
  '代写论文',
  '论文代写',
  '刷单',
  '发票',
  '办证',
  '枪支',
  '仿真枪',
  '赌博',
  '博彩',
  '毒品',
  '迷药',
  '裸聊',
  '违禁测试词',
];

/**
 * The embedded default: a small word list, matched after folding width and case and dropping spaces and
 * punctuation (so `代 考` and `代-考` are caught). It never sees images and is never unavailable.
 */
export class WordListContentSafety implements ContentSafety {
  private readonly words: string[];

  constructor(words: readonly string[] = DEMO_BLOCKED_WORDS) {
    this.words = words.map(fold).filter((w) => w !== '');
  }

  async checkText(text: string, _context?: SafetyContext): Promise<SafetyVerdict> {
    const folded = fold(text);
    const hit = this.words.find((w) => folded.includes(w));
    return hit ? { kind: 'risky', label: `word:${hit}` } : { kind: 'ok' };
  }

  async checkImage(_bytes?: Uint8Array, _context?: SafetyContext): Promise<SafetyVerdict> {
    return { kind: 'ok' };
  }
}

function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
