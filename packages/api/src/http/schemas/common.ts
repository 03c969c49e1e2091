import type { Condition, ListingKind, ListingStatus, TradeMethod } from '@xianzhi/core';
import { Type, type TSchema } from 'typebox';
import { FREE_TEXT } from '../validation.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Id = Type.String({ minLength: 1, maxLength: 64 });
/** Text people write at length (descriptions, comments, reasons): the only strings that may hold tabs and line breaks. */
export const FreeText = (options: { minLength?: number; maxLength: number; description?: string }) =>
  Type.String({ ...options, [FREE_TEXT]: true });
export const IsoDate = Type.String({ format: 'date-time' });
export const Count = Type.Integer({ minimum: 0 });

/** Complete lists of core's string unions; `Exhaustive` fails to compile if core grows a value. */
type Exhaustive<Union, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [never] ? List : never;
const list =
  <U>() =>
  <const L extends readonly U[]>(values: Exhaustive<U, L>) =>
    values;

export const LISTING_KIND_VALUES = list<ListingKind>()(['item', 'book', 'wanted']);
export const CONDITION_VALUES = list<Condition>()(['new', 'like_new', 'lightly_used', 'heavily_used']);
export const TRADE_METHOD_VALUES = list<TradeMethod>()(['face_to_face', 'delivery', 'express']);
export const LISTING_STATUS_VALUES = list<ListingStatus>()([
  'active',
  'reserved',
  'sold',
  'withdrawn',
  'removed',
  'expired',
  'hidden',
]);

export const Kind = Type.Enum([...LISTING_KIND_VALUES]);
export const ConditionValue = Type.Enum([...CONDITION_VALUES]);
export const TradeMethodValue = Type.Enum([...TRADE_METHOD_VALUES]);
export const Status = Type.Enum([...LISTING_STATUS_VALUES]);
export const Sort = Type.Enum(['newest', 'price_asc', 'price_desc']);

export const IdParams = Type.Object({ id: Id });
/** Any text: core's cursor codec is the one judge (a bad one is INVALID_CURSOR, whatever is wrong with it). */
export const Cursor = Type.String();
export const Limit = Type.Integer({ minimum: 1, maximum: 50 });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Unknown(),
    }),
  },
  { description: 'Every failure: `code` is stable, `message` is for people, `details` is structured context' },
);

/** Declares the error body for every failing status, so OpenAPI shows it and the serializer enforces it. */
export function responses<R extends Record<number, TSchema>>(ok: R) {
  return { ...ok, '4xx': ErrorBody, '5xx': ErrorBody };
}

export const Labelled = <T extends TSchema>(value: T) => Type.Array(Type.Object({ value, label: Type.String() }));
