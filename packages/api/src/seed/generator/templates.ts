import type { Rng } from './rng.js';

/** A phrase with zero or more `{lo-hi[:step]}` numeric placeholders. */
export interface Tpl {
  readonly text: string; // static text when there are no placeholders
  readonly segs: readonly string[];
  readonly lo: readonly number[];
  readonly n: readonly number[];
  readonly step: readonly number[];
}

const PLACEHOLDER = /\{(\d+)-(\d+)(?::(\d+))?\}/g;

function compileTpl(src: string): Tpl {
  const segs: string[] = [];
  const lo: number[] = [];
  const n: number[] = [];
  const step: number[] = [];
  let last = 0;
  for (const m of src.matchAll(PLACEHOLDER)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const st = m[3] === undefined ? 1 : Number(m[3]);
    if (!(b >= a) || st <= 0) throw new Error(`bad placeholder in "${src}"`);
    segs.push(src.slice(last, m.index));
    lo.push(a);
    n.push(Math.floor((b - a) / st) + 1);
    step.push(st);
    last = m.index + m[0].length;
  }
  segs.push(src.slice(last));
  return { text: src, segs, lo, n, step };
}

export function fill(rng: Rng, t: Tpl): string {
  const k = t.lo.length;
  if (k === 0) return t.text;
  let out = t.segs[0] as string;
  for (let i = 0; i < k; i++) {
    out += (t.lo[i] as number) + rng.int(t.n[i] as number) * (t.step[i] as number);
    out += t.segs[i + 1] as string;
  }
  return out;
}

export const tpls = (xs: readonly string[]): readonly Tpl[] => xs.map(compileTpl);
