import type { Photo, PhotoMime, PhotoVariantName } from './photo.js';

export interface StoredObject {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/** Where photo bytes live (local disk, object storage). Keys are opaque, slash-separated, safe names. */
export interface PhotoStorage {
  put(bytes: Uint8Array, key: string, contentType: string): Promise<void>;
  get(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export type ImageInspection =
  | { readonly kind: 'image'; readonly mime: PhotoMime; readonly width: number; readonly height: number }
  /** `detected` names what the bytes are when known (e.g. 'heic'), null for not an image at all. */
  | { readonly kind: 'unsupported'; readonly detected: string | null };

export interface PhotoVariantOutput {
  readonly name: PhotoVariantName;
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly contentType: string;
}

/** Decodes images. `inspect` reads only the header; `makeVariants` rotates upright and drops all metadata. */
export interface PhotoProcessor {
  inspect(bytes: Uint8Array): Promise<ImageInspection>;
  /** Null when the pixels cannot be decoded (a truncated or corrupt file whose header looked fine). */
  makeVariants(
    bytes: Uint8Array,
    sizes: Readonly<Record<PhotoVariantName, number>>,
  ): Promise<PhotoVariantOutput[] | null>;
}

export interface PhotoRepository {
  byId(id: string): Promise<Photo | null>;
  byIds(ids: readonly string[]): Promise<Photo[]>;
  byOwnerAndHash(ownerId: string, contentHash: string): Promise<Photo | null>;
  /** Inserts or updates; one photo per owner and content hash. */
  save(photo: Photo): Promise<void>;
  /** Photos never attached to a listing and created before `cutoff`, oldest first. */
  unattachedBefore(cutoff: Date, limit: number): Promise<Photo[]>;
  /** Deletes the photo only while it is still unattached; true when it was deleted. */
  deleteIfUnattached(id: string): Promise<boolean>;
  /** How many photos (of any owner) share these bytes, and so the stored variants. */
  countWithHash(contentHash: string): Promise<number>;
}
