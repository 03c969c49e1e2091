import type { S3Settings } from './app-config.js';
import type { ConfigReader } from './read.js';

/** The bucket settings: all or nothing, so a half-configured bucket stops the start instead of writing to disk. */
export function readS3(vars: ConfigReader, problems: string[]): S3Settings | null {
  const bucket = vars.get('XZ_S3_BUCKET');
  if (bucket === undefined) {
    const others = (
      ['XZ_S3_ENDPOINT', 'XZ_S3_REGION', 'XZ_S3_ACCESS_KEY_ID', 'XZ_S3_SECRET_ACCESS_KEY', 'XZ_S3_PUBLIC_URL'] as const
    ).filter((n) => vars.isSet(n));
    if (others.length > 0)
      problems.push(
        `${others.join(', ')} set without XZ_S3_BUCKET: set the bucket too, or unset them to keep photos on local disk`,
      );
    return null;
  }
  const region = vars.get('XZ_S3_REGION');
  const accessKeyId = vars.get('XZ_S3_ACCESS_KEY_ID');
  const secretAccessKey = vars.get('XZ_S3_SECRET_ACCESS_KEY');
  const missing = [
    region === undefined && 'XZ_S3_REGION',
    accessKeyId === undefined && 'XZ_S3_ACCESS_KEY_ID',
    secretAccessKey === undefined && 'XZ_S3_SECRET_ACCESS_KEY',
  ].filter(Boolean);
  if (missing.length > 0) problems.push(`XZ_S3_BUCKET needs ${missing.join(', ')}`);
  const endpoint = vars.get('XZ_S3_ENDPOINT') ?? null;
  const publicUrl = vars.get('XZ_S3_PUBLIC_URL') ?? null;
  const forcePathStyle = vars.get('XZ_S3_FORCE_PATH_STYLE');
  if (region === undefined || accessKeyId === undefined || secretAccessKey === undefined) return null;
  return { bucket, region, accessKeyId, secretAccessKey, endpoint, publicUrl, forcePathStyle };
}
