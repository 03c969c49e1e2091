export * from './shared/result.js';
export * from './shared/errors.js';
export * from './shared/money.js';
export * from './shared/clock.js';
export * from './shared/ids.js';
export * from './shared/events.js';
export * from './shared/pagination.js';
export * from './shared/unit-of-work.js';
export * from './shared/rate-limit.js';
export * from './shared/jobs.js';
export * from './shared/relay-outbox.js';
export * from './shared/audit.js';
export * from './shared/content-safety.js';

export * from './catalog/dimensions.js';
export * from './catalog/category.js';
export * from './catalog/default-tree.js';
export * from './catalog/errors.js';
export * from './catalog/ports.js';
export * from './catalog/use-cases.js';

export * from './identity/user.js';
export * from './identity/campus.js';
export * from './identity/actor.js';
export * from './identity/activity.js';
export * from './identity/errors.js';
export * from './identity/policy.js';
export * from './identity/ports.js';
export * from './identity/use-cases.js';
export * from './identity/campus-verification.js';
export * from './identity/verify-student.js';
export * from './identity/session.js';
export * from './identity/admin.js';
export * from './identity/qq.js';
export * from './identity/login.js';
export * from './identity/admin-use-cases.js';

export * from './moderation/list-audit-log.js';
export * from './moderation/admin-scope.js';
export * from './moderation/admin-users.js';
export * from './moderation/admin-listings.js';
export * from './moderation/cases.js';
export * from './moderation/report-content.js';
export * from './moderation/review.js';

export * from './listings/isbn.js';
export * from './listings/content.js';
export * from './listings/listing.js';
export * from './listings/errors.js';
export * from './listings/ports.js';
export * from './listings/search.js';
export * from './listings/search-listings.js';
export * from './listings/search-projector.js';
export * from './listings/search-log.js';
export * from './listings/hot-searches.js';
export * from './listings/buffered-search-log.js';
export * from './listings/blocked-search-terms.js';
export * from './insights/campus-statistics.js';
export * from './shared/projection.js';
export * from './shared/log-follower.js';
export * from './listings/views.js';
export * from './listings/placement.js';
export * from './listings/owned.js';
export * from './listings/publish-listing.js';
export * from './listings/edit-listing.js';
export * from './listings/lifecycle.js';
export * from './listings/browse-listings.js';
export * from './listings/get-listing.js';
export * from './listings/seller-profile.js';

export * from './engagement/comment.js';
export * from './engagement/errors.js';
export * from './engagement/ports.js';
export * from './engagement/favorites.js';
export * from './engagement/comments.js';

export * from './photos/photo.js';
export * from './photos/ports.js';
export * from './photos/errors.js';
export * from './photos/upload-photo.js';
export * from './photos/cleanup-photos.js';

export * from './recommendations/ports.js';
export * from './recommendations/similarity.js';
export * from './recommendations/rankers.js';
export * from './recommendations/profile.js';
export * from './recommendations/use-cases.js';
export * from './recommendations/update-signals.js';

export * from './feedback/index.js';
export * from './trades/index.js';
export * from './notifications/index.js';

export * from './announcements/index.js';

export * from './listings/search-match.js';
export * from './trades/saved-search.js';
export * from './trades/saved-search-keys.js';
export * from './trades/saved-search-ports.js';
export * from './trades/saved-searches.js';
export * from './trades/saved-search-alerts.js';

export * from './persistence.js';
