import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LocalDiskPhotoStorage, S3PhotoStorage, SharpPhotoProcessor } from '@xianzhi/adapters';
import {
  CleanupUnattachedPhotos,
  DEFAULT_PHOTO_LIMITS,
  UploadPhoto,
  type PhotoProcessor,
  type PhotoStorage,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import type { AppConfig } from '../config.js';
import { mediaRoutes, photoRoutes } from '../http/routes/photos.js';
import { Background, type PeriodicTask } from './background.js';
import { Moderation } from './moderation-module.js';
import { factory, token } from './token.js';
import { Config, Core, Ports } from './tokens.js';

export const Photos = {
  Storage: token<PhotoStorage>('PhotoStorage'),
  Processor: token<PhotoProcessor>('PhotoProcessor'),
  Upload: token<UploadPhoto>('UploadPhoto'),
  Routes: token<FastifyPluginAsyncTypebox>('PhotoRoutes'),
  MediaRoutes: token<FastifyPluginAsyncTypebox>('MediaRoutes'),
  Cleanup: token<CleanupUnattachedPhotos>('CleanupUnattachedPhotos'),
};

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
  factory(
    bind(Photos.Upload),
    (config, repo, storage, processor, ids, clock, screening) =>
      new UploadPhoto({
        photos: repo,
        storage,
        processor,
        ids,
        clock,
        limits: {
          ...DEFAULT_PHOTO_LIMITS,
          maxBytes: config.photos.maxBytes,
        },
        screening,
      }),
    [Config.App, Ports.Photos, Photos.Storage, Photos.Processor, Core.Ids, Core.Clock, Moderation.Screening],
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
  factory(bind(Photos.Routes), (config, upload) => photoRoutes({ upload, maxBytes: config.photos.maxBytes }), [
    Config.App,
    Photos.Upload,
  ]);
  factory(
    bind(Photos.MediaRoutes),
    (photos, storage) =>
      mediaRoutes({
        photos,
        storage,
        ...(storage instanceof S3PhotoStorage ? { publicUrlOf: (key: string) => storage.urlOf(key) } : {}),
      }),
    [Ports.Photos, Photos.Storage],
  );
});
