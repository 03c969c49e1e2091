import { InMemoryAuditLog } from './in-memory-audit.js';
import { InMemoryCategoryRepository } from './in-memory-catalog.js';
import { InMemoryCommentRepository, InMemoryFavoriteRepository } from './in-memory-engagement.js';
import {
  InMemoryActiveUserLog,
  InMemoryAdminAccountRepository,
  InMemoryCampusRepository,
  InMemoryRefreshTokenRepository,
  InMemoryUserDirectory,
  InMemoryUserRepository,
} from './in-memory-identity.js';
import { InMemoryListingDirectory, InMemoryListingRepository, InMemoryListingViewLog } from './in-memory-listings.js';
import { InMemoryFeedbackRepository } from './in-memory-feedback.js';
import { InMemoryOutbox } from './in-memory-outbox.js';
import { InMemoryPhotoRepository } from './in-memory-photos.js';
import { InMemoryRateLimiter } from './in-memory-rate-limit.js';
import { InMemorySavedSearchRepository } from './in-memory-saved-searches.js';
import { InMemoryStore, InMemoryUnitOfWork } from './in-memory-store.js';
import {
  InMemoryOfferRepository,
  InMemoryRatingRepository,
  InMemoryTradeRepository,
  InMemoryWantRepository,
} from './in-memory-trades.js';

// The store, its copies and its unit of work live in in-memory-store.ts, which every per-area fake imports;
// this file only assembles them, so no fake imports back the file that imports it.
export { copy, InMemoryStore, InMemoryUnitOfWork } from './in-memory-store.js';

/** Everything a use case may need, wired to one in-memory store. */
export function inMemoryPersistence(store = new InMemoryStore()) {
  return {
    store,
    listings: new InMemoryListingRepository(store),
    categories: new InMemoryCategoryRepository(store),
    campuses: new InMemoryCampusRepository(store),
    users: new InMemoryUserRepository(store),
    userDirectory: new InMemoryUserDirectory(store),
    activeUsers: new InMemoryActiveUserLog(store),
    listingDirectory: new InMemoryListingDirectory(store),
    favorites: new InMemoryFavoriteRepository(store),
    comments: new InMemoryCommentRepository(store),
    outbox: new InMemoryOutbox(store),
    viewLog: new InMemoryListingViewLog(store),
    auditLog: new InMemoryAuditLog(store),
    rateLimiter: new InMemoryRateLimiter(store),
    refreshTokens: new InMemoryRefreshTokenRepository(store),
    admins: new InMemoryAdminAccountRepository(store),
    photos: new InMemoryPhotoRepository(store),
    feedback: new InMemoryFeedbackRepository(store),
    wants: new InMemoryWantRepository(store),
    offers: new InMemoryOfferRepository(store),
    trades: new InMemoryTradeRepository(store),
    ratings: new InMemoryRatingRepository(store),
    savedSearches: new InMemorySavedSearchRepository(store),
    uow: new InMemoryUnitOfWork(store),
  };
}
