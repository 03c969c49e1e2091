import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { PhotoStorage, StoredObject } from '@xianzhi/core';
import { isSafeStorageKey } from './local-disk-photo-storage.js';

export interface S3PhotoStorageOptions {
  /** `https://cos.ap-guangzhou.myqcloud.com`, `http://minio:9000`…; omitted for AWS itself. */
  readonly endpoint?: string;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** `/bucket/key` URLs instead of `bucket.host/key`: MinIO needs it; COS and AWS take either. */
  readonly forcePathStyle?: boolean;
  /** Where the bucket's objects are publicly readable (a CDN or the bucket's own domain), if anywhere. */
  readonly publicUrl?: string | null;
  /** Key prefix inside the bucket, so one bucket can hold several deployments. */
  readonly prefix?: string;
  readonly timeoutMs?: number;
}

/**
 * Photos in S3-compatible object storage (Tencent COS, MinIO, AWS S3). Variants are immutable
 * (content-addressed keys), so they are written with a one-year cache header for any CDN in front.
 * The secret goes to the SDK's signer only: never into errors or logs.
 */
export class S3PhotoStorage implements PhotoStorage {
  private readonly client: S3Client;
  private readonly prefix: string;
  readonly publicUrl: string | null;

  constructor(private readonly options: S3PhotoStorageOptions) {
    this.prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.publicUrl = options.publicUrl ? options.publicUrl.replace(/\/+$/, '') : null;
    const timeout = options.timeoutMs ?? 10_000;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // The SDK's newer default adds CRC32 checksums that older MinIO and COS gateways refuse.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 2,
      // Without throwOnRequestTimeout the SDK only logs a warning and a hung store hangs the upload.
      requestHandler: { requestTimeout: timeout, connectionTimeout: timeout, throwOnRequestTimeout: true },
    });
  }

  private objectKey(key: string): string {
    if (!isSafeStorageKey(key)) throw new Error(`unsafe photo storage key: ${JSON.stringify(key)}`);
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  /** The public address of a stored key, when the bucket is public; null means serve through the API. */
  urlOf(key: string): string | null {
    return this.publicUrl && isSafeStorageKey(key) ? `${this.publicUrl}/${this.objectKey(key)}` : null;
  }

  async put(bytes: Uint8Array, key: string, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentType: contentType,
        ContentLength: bytes.byteLength,
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }

  async get(key: string): Promise<StoredObject | null> {
    if (!isSafeStorageKey(key)) return null;
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }),
      );
      const bytes = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      return { bytes, contentType: out.ContentType ?? 'application/octet-stream' };
    } catch (e) {
      if (isMissing(e)) return null;
      throw describe(e, 'GetObject');
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
    } catch (e) {
      if (isMissing(e)) return;
      throw describe(e, 'DeleteObject');
    }
  }

  async exists(key: string): Promise<boolean> {
    if (!isSafeStorageKey(key)) return false;
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (e) {
      if (isMissing(e)) return false;
      throw describe(e, 'HeadObject');
    }
  }

  dispose(): Promise<void> {
    this.client.destroy();
    return Promise.resolve();
  }
}

function isMissing(e: unknown): boolean {
  if (e instanceof S3ServiceException)
    return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata.httpStatusCode === 404;
  return false;
}

/** Keeps S3's error code and status; drops the SDK's request object, which carries the signed headers. */
function describe(e: unknown, operation: string): Error {
  if (e instanceof S3ServiceException) {
    const status = e.$metadata.httpStatusCode;
    // A HEAD answer has no body, so a refused signature arrives nameless.
    const name =
      e.name === 'Unknown' && status === 403 ? 'AccessDenied (check XZ_S3_ACCESS_KEY_ID and the secret)' : e.name;
    return new Error(`object storage ${operation} failed: ${name} (HTTP ${status ?? '?'})`);
  }
  return new Error(
    `object storage ${operation} failed: ${(e as Error)?.name ?? 'error'}: ${(e as Error)?.message ?? String(e)}`,
  );
}
