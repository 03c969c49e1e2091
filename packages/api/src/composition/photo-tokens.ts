import type { CleanupUnattachedPhotos, PhotoProcessor, PhotoStorage, UploadPhoto } from '@xianzhi/core';
import { token } from './token.js';

export const Photos = {
  Storage: token<PhotoStorage>('PhotoStorage'),
  Processor: token<PhotoProcessor>('PhotoProcessor'),
  Upload: token<UploadPhoto>('UploadPhoto'),
  Cleanup: token<CleanupUnattachedPhotos>('CleanupUnattachedPhotos'),
};
