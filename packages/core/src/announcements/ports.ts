import type { Banner } from './banner.js';
import type { Notice } from './notice.js';

export interface BannerRepository {
  byId(id: string): Promise<Banner | null>;
  /** Every banner of the campus whatever its state, by position, then newest first; at most `limit`. */
  forCampus(campusId: string, limit: number): Promise<Banner[]>;
  /** Those live at `now` (started, not ended), by position, then newest first; at most `limit`. */
  liveOn(campusId: string, now: Date, limit: number): Promise<Banner[]>;
  /** Inserts or replaces by id. */
  save(banner: Banner): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface NoticeRepository {
  byId(id: string): Promise<Notice | null>;
  /** Every notice of the campus whatever its state, pinned first, then newest first; at most `limit`. */
  forCampus(campusId: string, limit: number): Promise<Notice[]>;
  /** Those live at `now`, pinned first, then newest first; at most `limit`. */
  liveOn(campusId: string, now: Date, limit: number): Promise<Notice[]>;
  /** Inserts or replaces by id. */
  save(notice: Notice): Promise<void>;
  delete(id: string): Promise<void>;
}
