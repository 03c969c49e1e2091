import sharp from 'sharp';

/** Real image bytes for tests: a gradient-free colour block with GPS EXIF, as a phone would write. */
export async function jpegWithGps(width = 2000, height = 1500, orientation?: number): Promise<Uint8Array> {
  let img = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'XianzhiPhone', Model: 'DormCam 1', Copyright: 'dorm-secret' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 1/1 2/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 26/1 3/1' },
    });
  if (orientation !== undefined) img = img.withMetadata({ orientation });
  return new Uint8Array(await img.toBuffer());
}

export async function pngImage(width: number, height: number): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 1 } } })
      .png()
      .toBuffer(),
  );
}
