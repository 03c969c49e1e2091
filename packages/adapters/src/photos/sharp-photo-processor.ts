import sharp, { type OutputInfo } from 'sharp';
import type { ImageInspection, PhotoProcessor, PhotoVariantName, PhotoVariantOutput } from '@xianzhi/core';

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/** What the first bytes say the file is; the name and the declared content type are never trusted. */
export function sniffImage(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | 'heic' | 'avif' | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b))
    return 'image/png';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (HEIF_BRANDS.has(brand)) return 'heic';
  }
  return null;
}

/**
 * Photos through sharp (libvips). JPEG, PNG and WebP are accepted. HEIC is refused: sharp's
 * prebuilt libvips decodes AVIF but not HEVC-coded HEIC, so an iPhone original would fail to decode.
 * Variants are turned upright by their EXIF orientation and written as WebP without any metadata
 * (sharp drops EXIF, GPS, XMP and ICC on output unless asked to keep them).
 */
export class SharpPhotoProcessor implements PhotoProcessor {
  constructor(private readonly options: { quality?: number } = {}) {}

  async inspect(bytes: Uint8Array): Promise<ImageInspection> {
    const sniffed = sniffImage(bytes);
    if (sniffed === null || sniffed === 'heic' || sniffed === 'avif') return { kind: 'unsupported', detected: sniffed };
    try {
      // Header only: no pixels are decoded here, so the pixel limit is checked before decoding.
      const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
      const width = meta.autoOrient?.width ?? meta.width;
      const height = meta.autoOrient?.height ?? meta.height;
      if (!width || !height) return { kind: 'unsupported', detected: null };
      return { kind: 'image', mime: sniffed, width, height };
    } catch {
      return { kind: 'unsupported', detected: null };
    }
  }

  async makeVariants(
    bytes: Uint8Array,
    sizes: Readonly<Record<PhotoVariantName, number>>,
  ): Promise<PhotoVariantOutput[] | null> {
    const base = sharp(bytes, { limitInputPixels: false, failOn: 'error' }).autoOrient();
    const out: PhotoVariantOutput[] = [];
    for (const [name, size] of Object.entries(sizes) as [PhotoVariantName, number][]) {
      let made: { data: Buffer; info: OutputInfo };
      try {
        made = await base
          .clone()
          .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
          .webp({ quality: this.options.quality ?? 80 })
          .toBuffer({ resolveWithObject: true });
      } catch {
        // Working in memory on bytes the header check accepted: a failure here is the file's (cut short, corrupt).
        return null;
      }
      const { data, info } = made;
      out.push({
        name,
        bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        width: info.width,
        height: info.height,
        contentType: 'image/webp',
      });
    }
    return out;
  }
}
