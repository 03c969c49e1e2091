// What the generator produces: one listing, as the demo seed or a benchmark inserts it.

export type Kind = 'item' | 'book' | 'wanted';
export type Condition = 'new' | 'like_new' | 'lightly_used' | 'heavily_used';
export type TradeMethod = 'face_to_face' | 'delivery' | 'express';

export interface GeneratedBook {
  isbn: string;
  author: string;
  publisher: string;
  course: string | null;
}

export interface GeneratedListing {
  kind: Kind;
  title: string;
  description: string;
  /** integer fen; for wanted posts the budget, or null (面议) */
  price: number | null;
  /** integer fen, 1.2–3× price, or null; always null for wanted posts */
  originalPrice: number | null;
  rootCategory: string;
  category: string;
  condition: Condition | null;
  tradeMethods: TradeMethod[];
  areaIndex: number;
  book: GeneratedBook | null;
}
