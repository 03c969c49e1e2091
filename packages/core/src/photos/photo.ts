export type PhotoVariantName = 'thumb' | 'medium' | 'large';
export const PHOTO_VARIANTS: readonly PhotoVariantName[] = ['thumb', 'medium', 'large'];
/** Longest side in pixels of each variant; a smaller original is never upscaled. */
export const PHOTO_VARIANT_SIZES: Readonly<Record<PhotoVariantName, number>> = { thumb: 240, medium: 750, large: 1500 };

/** The image types accepted for upload, as detected from the bytes. */
export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

/**
 * An uploaded photo: the original's facts (hash, type, size) and the storage keys of its variants.
 * The original itself is not kept: only metadata-free variants are stored.
 */
export interface Photo {
  readonly id: string;
  readonly ownerId: string;
  /** SHA-256 of the uploaded bytes, lowercase hex. */
  readonly contentHash: string;
  readonly mime: PhotoMime;
  readonly width: number;
  readonly height: number;
  readonly byteSize: number;
  readonly variants: Readonly<Record<PhotoVariantName, string>>;
  readonly createdAt: Date;
  /** When a listing first used it; null while unattached. */
  attachedAt: Date | null;
}

/** Storage keys are content-addressed, so identical bytes share their stored variants. */
export function variantKey(contentHash: string, variant: PhotoVariantName): string {
  return `${contentHash.slice(0, 2)}/${contentHash}-${variant}.webp`;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
