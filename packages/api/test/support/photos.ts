import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

/** A real JPEG as a phone writes it: camera make, a copyright and the GPS position of the dorm. */
export async function phoneJpeg(width = 2000, height = 1500, colour = { r: 200, g: 80, b: 40 }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'XianzhiPhone', Model: 'DormCam 1', Copyright: 'dorm-secret' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 1/1 2/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 26/1 3/1' },
    })
    .toBuffer();
}

/** A multipart/form-data body with one file field, as a browser or Taro.uploadFile sends it. */
export function multipartFile(bytes: Uint8Array, filename: string, contentType = 'image/jpeg', field = 'file') {
  const boundary = `----xz${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(bytes), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * A real JPEG of at least `minBytes` (and under 1.1 × that): random noise, which JPEG cannot shrink, at quality 100
 * without chroma subsampling (about 2.9 bytes a pixel), sized to land there. For upload-size tests.
 */
export async function noiseJpeg(minBytes: number): Promise<Buffer> {
  const encode = (width: number, height: number) =>
    sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
      .toBuffer();
  const width = 1800;
  let height = Math.ceil((minBytes * 1.03) / 2.9 / width);
  for (;;) {
    const jpeg = await encode(width, height);
    if (jpeg.length >= minBytes && jpeg.length < minBytes * 1.1) return jpeg;
    height = Math.ceil((height * (minBytes * 1.03)) / jpeg.length);
  }
}
