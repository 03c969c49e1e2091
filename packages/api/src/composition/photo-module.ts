import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LocalDiskPhotoStorage, SharpPhotoProcessor } from '@xianzhi/adapters';
import { DEFAULT_PHOTO_LIMITS, UploadPhoto, type PhotoProcessor, type PhotoStorage } from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { mediaRoutes, photoRoutes } from '../http/routes/photos.js';
import { factory, token } from './token.js';
import { Config, Core, Ports } from './tokens.js';

export const Photos = {
  Storage: token<PhotoStorage>('PhotoStorage'),
  Processor: token<PhotoProcessor>('PhotoProcessor'),
  Upload: token<UploadPhoto>('UploadPhoto'),
  Routes: token<FastifyPluginAsyncTypebox>('PhotoRoutes'),
  MediaRoutes: token<FastifyPluginAsyncTypebox>('MediaRoutes'),
};

/** Photo uploads: local-disk storage under XZ_PHOTOS_DIR (the embedded default) and sharp for decoding. */
export const photoModule = new ContainerModule(({ bind }) => {
  factory(bind(Photos.Storage), (config) => new LocalDiskPhotoStorage(config.photos.dir), [Config.App]);
  bind(Photos.Processor).toDynamicValue(() => new SharpPhotoProcessor());
  factory(bind(Photos.Upload), (config, repo, storage, processor, ids, clock) => new UploadPhoto(repo, storage, processor, ids, clock, {
    ...DEFAULT_PHOTO_LIMITS, maxBytes: config.photos.maxBytes,
  }), [Config.App, Ports.Photos, Photos.Storage, Photos.Processor, Core.Ids, Core.Clock]);
  factory(bind(Photos.Routes), (config, upload) => photoRoutes({ upload, maxBytes: config.photos.maxBytes }), [Config.App, Photos.Upload]);
  factory(bind(Photos.MediaRoutes), (photos, storage) => mediaRoutes({ photos, storage }), [Ports.Photos, Photos.Storage]);
});
