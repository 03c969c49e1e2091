import { LocalDiskPhotoStorage, S3PhotoStorage, SharpPhotoProcessor } from '@xianzhi/adapters';
import { CleanupUnattachedPhotos, DEFAULT_PHOTO_LIMITS, UploadPhoto, type PhotoStorage } from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import type { AppConfig } from '../config.js';
import { mediaRoutes, photoRoutes } from '../http/routes/photos.js';
import { Background, type PeriodicTask } from './background-tokens.js';
import { Moderation } from './moderation-tokens.js';
import { Photos } from './photo-tokens.js';
import { factory, named } from './token.js';
import { Config, Core, HttpRoutes, Ports } from './tokens.js';

/** How often the worker deletes photos abandoned for a day. */
export const PHOTO_CLEANUP_EVERY_MS = 60 * 60_000;

/** The configured photo store: an S3-compatible bucket when XZ_S3_BUCKET is set, else the local folder. */
export function createPhotoStorage(config: AppConfig): PhotoStorage {
  const s3 = config.photos.s3;
  if (!s3) return new LocalDiskPhotoStorage(config.photos.dir);
  return new S3PhotoStorage({
    region: s3.region,
    bucket: s3.bucket,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: s3.forcePathStyle,
    publicUrl: s3.publicUrl,
    ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
  });
}

/** Photo uploads: local-disk storage under XZ_PHOTOS_DIR (the embedded default) or an S3-compatible bucket, and sharp for decoding. */
export const photoModule = new ContainerModule(({ bind }) => {
  factory(bind(Photos.Storage), (config) => createPhotoStorage(config), [Config.App]);
  bind(Photos.Processor).toDynamicValue(() => new SharpPhotoProcessor());
  named(
    bind(Photos.Upload),
    ({ config, ...deps }) =>
      new UploadPhoto({ ...deps, limits: { ...DEFAULT_PHOTO_LIMITS, maxBytes: config.photos.maxBytes } }),
    {
      config: Config.App,
      photos: Ports.Photos,
      storage: Photos.Storage,
      processor: Photos.Processor,
      ids: Core.Ids,
      clock: Core.Clock,
      screening: Moderation.Screening,
    },
  );
  factory(bind(Photos.Cleanup), (repo, storage, clock) => new CleanupUnattachedPhotos(repo, storage, clock), [
    Ports.Photos,
    Photos.Storage,
    Core.Clock,
  ]);
  factory(
    bind(Background.PeriodicTask),
    (cleanup): PeriodicTask => ({
      name: 'photo-cleanup',
      everyMs: PHOTO_CLEANUP_EVERY_MS,
      run: () => cleanup.execute(),
    }),
    [Photos.Cleanup],
  );
  factory(bind(HttpRoutes.Api), (config, upload) => photoRoutes({ upload, maxBytes: config.photos.maxBytes }), [
    Config.App,
    Photos.Upload,
  ]);
  factory(
    bind(HttpRoutes.Operations),
    (photos, storage) =>
      mediaRoutes({
        photos,
        storage,
        ...(storage instanceof S3PhotoStorage ? { publicUrlOf: (key: string) => storage.urlOf(key) } : {}),
      }),
    [Ports.Photos, Photos.Storage],
  );
});
