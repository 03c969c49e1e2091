import { InMemoryPhotoStorage } from './in-memory-photos.js';
import { photoStorageContract } from './photo-storage-contract.js';

photoStorageContract('in-memory', async () => new InMemoryPhotoStorage());
