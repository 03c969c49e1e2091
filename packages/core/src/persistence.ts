import type { CategoryRepository } from './catalog/ports.js';
import type { CommentRepository, FavoriteRepository } from './engagement/ports.js';
import type { AdminAccountRepository } from './identity/admin.js';
import type { CampusRepository, UserDirectory, UserRepository } from './identity/ports.js';
import type { RefreshTokenRepository } from './identity/session.js';
import type { ListingDirectory, ListingRepository, ListingViewLog } from './listings/ports.js';
import type { AuditLog } from './shared/audit.js';
import type { PhotoRepository } from './photos/ports.js';
import type { Outbox } from './shared/events.js';
import type { RateLimiter } from './shared/rate-limit.js';
import type { UnitOfWork } from './shared/unit-of-work.js';
import type { WantRepository } from './trades/ports.js';

/**
 * The ports every persistence adapter family (in-memory, MikroORM on SQLite or MariaDB) provides over
 * one store, each held to account by the persistence contract suite. The demo seed and the test kit
 * take this set; a family may provide more (the API's database does).
 */
export interface PersistencePorts {
  listings: ListingRepository;
  categories: CategoryRepository;
  campuses: CampusRepository;
  users: UserRepository;
  /** The back office's searches over students and over listings of every status. */
  userDirectory: UserDirectory;
  listingDirectory: ListingDirectory;
  favorites: FavoriteRepository;
  /** 想要 marks: listing views ask which of a page the viewer wants. */
  wants: WantRepository;
  comments: CommentRepository;
  outbox: Outbox;
  viewLog: ListingViewLog;
  uow: UnitOfWork;
  photos: PhotoRepository;
  auditLog: AuditLog;
  rateLimiter: RateLimiter;
  refreshTokens: RefreshTokenRepository;
  admins: AdminAccountRepository;
}
