import { Type } from 'typebox';
import {
  ConditionValue,
  Count,
  Cursor,
  FreeText,
  Id,
  IsoDate,
  Kind,
  Limit,
  Nullable,
  Sort,
  Status,
  TradeMethodValue,
} from './common.js';

const CategoryRef = Type.Object({
  id: Id,
  name: Type.String(),
  parentId: Nullable(Id),
  parentName: Nullable(Type.String()),
});
const SellerSummary = Type.Object({ id: Id, nickname: Type.String(), avatarUrl: Nullable(Type.String()) });

const summaryProperties = {
  id: Id,
  kind: Kind,
  title: Type.String(),
  price: Nullable(Count),
  originalPrice: Nullable(Count),
  status: Status,
  category: CategoryRef,
  condition: Nullable(ConditionValue),
  areaId: Nullable(Type.String()),
  coverPhotoUrl: Nullable(Type.String()),
  listedAt: IsoDate,
  viewCount: Count,
  favoriteCount: Count,
  commentCount: Count,
  wantCount: Type.Integer({ minimum: 0, description: '想要: students who marked interest' }),
  seller: SellerSummary,
};

/** A feed card. Carries no contact details whoever asks. */
export const ListingSummary = Type.Object(summaryProperties);

export const Book = Type.Object({
  isbn: Type.String(),
  author: Nullable(Type.String()),
  publisher: Nullable(Type.String()),
  course: Nullable(Type.String()),
});

export const ListingDetail = Type.Object({
  ...summaryProperties,
  description: Type.String(),
  photos: Type.Array(
    Type.Object({
      id: Type.String({ description: 'What the listing keeps: an uploaded photo id (send these back when editing)' }),
      url: Type.String({ description: 'The medium variant (~750 px)' }),
      urls: Type.Object({ thumb: Type.String(), medium: Type.String(), large: Type.String() }),
    }),
  ),
  tradeMethods: Type.Array(TradeMethodValue),
  book: Nullable(Book),
  expiresAt: IsoDate,
  version: Type.Integer({ minimum: 1 }),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  removalReason: Nullable(Type.String({ description: 'Shown to the owner and admins only' })),
  favoritedByMe: Type.Boolean(),
  wantedByMe: Type.Boolean({ description: 'The signed-in viewer marked 想要' }),
  isMine: Type.Boolean(),
  priceHistory: Type.Array(Type.Object({ at: IsoDate, from: Nullable(Type.Integer()), to: Nullable(Type.Integer()) }), {
    description: 'Every price the listing has had, oldest first: the app shows 降价 when the last change lowered it',
  }),
  seller: Type.Object({
    ...SellerSummary.properties,
    qqOpenId: Type.Optional(Type.String({ description: 'Present only for verified viewers: the add-friend button' })),
  }),
});

export const ListingPage = Type.Object({ items: Type.Array(ListingSummary), nextCursor: Nullable(Type.String()) });

/** The filters the feed and search share, as query-string fields. */
export const ListingFilterFields = {
  campusId: Type.Optional(Id),
  kind: Type.Optional(Kind),
  categoryId: Type.Optional(Id),
  condition: Type.Optional(ConditionValue),
  minPrice: Type.Optional(Type.Integer({ minimum: 0 })),
  maxPrice: Type.Optional(Type.Integer({ minimum: 0 })),
  areaId: Type.Optional(Id),
  /** Listings offering this trade method, among others. */
  tradeMethod: Type.Optional(TradeMethodValue),
};

export const ListingQuery = Type.Object({
  ...ListingFilterFields,
  sort: Type.Optional(Sort),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

export const MyListingsQuery = Type.Object({
  status: Type.Optional(Status),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});

export const PageQuery = Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) });

/** Length and range rules live in core (one place, with Chinese messages); these only fix the types. */
const contentProperties = {
  title: Type.String({ maxLength: 200 }),
  description: FreeText({ maxLength: 5000 }),
  price: Nullable(Type.Integer({ description: 'Integer fen; null only for a wanted post (面议)' })),
  originalPrice: Nullable(Type.Integer()),
  categoryId: Id,
  condition: Nullable(ConditionValue),
  areaId: Nullable(Id),
  tradeMethods: Type.Array(TradeMethodValue, { maxItems: 10 }),
  photos: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
    maxItems: 20,
    description: 'Ids of photos the author uploaded with POST /v1/photos, in display order (at most 9)',
  }),
  book: Nullable(
    Type.Object(
      {
        isbn: Type.String({ maxLength: 32 }),
        author: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
        publisher: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
        course: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
      },
      { additionalProperties: false },
    ),
  ),
};

export const CreateListingBody = Type.Object(
  {
    kind: Kind,
    title: contentProperties.title,
    description: Type.Optional(contentProperties.description),
    price: contentProperties.price,
    originalPrice: Type.Optional(contentProperties.originalPrice),
    categoryId: contentProperties.categoryId,
    condition: Type.Optional(contentProperties.condition),
    areaId: Type.Optional(contentProperties.areaId),
    tradeMethods: contentProperties.tradeMethods,
    photos: Type.Optional(contentProperties.photos),
    book: Type.Optional(contentProperties.book),
  },
  { additionalProperties: false },
);

export const EditListingBody = Type.Object(
  {
    version: Type.Integer({
      minimum: 1,
      description: 'The version the editor saw; a newer stored version refuses the edit (409)',
    }),
    title: Type.Optional(contentProperties.title),
    description: Type.Optional(contentProperties.description),
    price: Type.Optional(contentProperties.price),
    originalPrice: Type.Optional(contentProperties.originalPrice),
    categoryId: Type.Optional(contentProperties.categoryId),
    condition: Type.Optional(contentProperties.condition),
    areaId: Type.Optional(contentProperties.areaId),
    tradeMethods: Type.Optional(contentProperties.tradeMethods),
    photos: Type.Optional(contentProperties.photos),
    book: Type.Optional(contentProperties.book),
  },
  { additionalProperties: false },
);

export const StatusBody = Type.Object(
  {
    status: Type.Enum(['reserved', 'active', 'sold']),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const VersionBody = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const RemoveBody = Type.Object({ reason: FreeText({ maxLength: 1000 }) }, { additionalProperties: false });

export const FavoriteState = Type.Object({ favorited: Type.Boolean(), favoriteCount: Count });
