import { Migration20261124000000Initial } from './Migration20261124000000Initial.js';
import { Migration20261125000100Identity } from './Migration20261125000100Identity.js';
import { Migration20261125000200CampusVerification } from './Migration20261125000200CampusVerification.js';
import { Migration20261125000300Photos } from './Migration20261125000300Photos.js';
import { Migration20261125000400Search } from './Migration20261125000400Search.js';
import { Migration20261125000600Notifications } from './Migration20261125000600Notifications.js';
import { Migration20261125000500OutboxClaims } from './Migration20261125000500OutboxClaims.js';
import { Migration20261125000800Recommendations } from './Migration20261125000800Recommendations.js';
import { Migration20261125000900SearchLog } from './Migration20261125000900SearchLog.js';
import { Migration20261125000700Moderation } from './Migration20261125000700Moderation.js';
import { Migration20261125001000BenchIndexes } from './Migration20261125001000BenchIndexes.js';
import { Migration20261125001100ListingLiveStored } from './Migration20261125001100ListingLiveStored.js';
import { Migration20261125001200ProjectionGaps } from './Migration20261125001200ProjectionGaps.js';
import { Migration20261205000000ListingOwnerBanned } from './Migration20261205000000ListingOwnerBanned.js';
import { Migration20261206000100ListingOwnerLive } from './Migration20261206000100ListingOwnerLive.js';
import { Migration20261206000150Announcements } from './Migration20261206000150Announcements.js';
import { Migration20261206000200PhotoOwners } from './Migration20261206000200PhotoOwners.js';
import { Migration20261206003000ListingStatusHistory } from './Migration20261206003000ListingStatusHistory.js';
import { Migration20261206004000AdminStatistics } from './Migration20261206004000AdminStatistics.js';
import { Migration20261206005000Feedback } from './Migration20261206005000Feedback.js';
import { Migration20261207000000InboxEntries } from './Migration20261207000000InboxEntries.js';
import { Migration20261208000300SearchFreshness } from './Migration20261208000300SearchFreshness.js';

/** Every committed migration, in order. Listed explicitly so compiled and source runs agree. */
export const MIGRATIONS = [
  { name: 'Migration20261124000000Initial', class: Migration20261124000000Initial },
  { name: 'Migration20261125000100Identity', class: Migration20261125000100Identity },
  { name: 'Migration20261125000200CampusVerification', class: Migration20261125000200CampusVerification },
  { name: 'Migration20261125000300Photos', class: Migration20261125000300Photos },
  { name: 'Migration20261125000400Search', class: Migration20261125000400Search },
  { name: 'Migration20261125000500OutboxClaims', class: Migration20261125000500OutboxClaims },
  { name: 'Migration20261125000600Notifications', class: Migration20261125000600Notifications },
  { name: 'Migration20261125000700Moderation', class: Migration20261125000700Moderation },
  { name: 'Migration20261125000800Recommendations', class: Migration20261125000800Recommendations },
  { name: 'Migration20261125000900SearchLog', class: Migration20261125000900SearchLog },
  { name: 'Migration20261125001000BenchIndexes', class: Migration20261125001000BenchIndexes },
  { name: 'Migration20261125001100ListingLiveStored', class: Migration20261125001100ListingLiveStored },
  { name: 'Migration20261125001200ProjectionGaps', class: Migration20261125001200ProjectionGaps },
  { name: 'Migration20261205000000ListingOwnerBanned', class: Migration20261205000000ListingOwnerBanned },
  { name: 'Migration20261206000100ListingOwnerLive', class: Migration20261206000100ListingOwnerLive },
  { name: 'Migration20261206000150Announcements', class: Migration20261206000150Announcements },
  { name: 'Migration20261206000200PhotoOwners', class: Migration20261206000200PhotoOwners },
  { name: 'Migration20261206003000ListingStatusHistory', class: Migration20261206003000ListingStatusHistory },
  { name: 'Migration20261206004000AdminStatistics', class: Migration20261206004000AdminStatistics },
  { name: 'Migration20261206005000Feedback', class: Migration20261206005000Feedback },
  { name: 'Migration20261207000000InboxEntries', class: Migration20261207000000InboxEntries },
  { name: 'Migration20261208000300SearchFreshness', class: Migration20261208000300SearchFreshness },
];
