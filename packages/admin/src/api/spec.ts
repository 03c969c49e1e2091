// Shapes of the routes issue 12 adds that the API does not export yet (the agreed contract,
// /work/notes/spec-11-12.md); each moves to `@xianzhi/api/contract` as its branch lands.
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type FeedbackState = 'open' | 'answered' | 'closed';

export interface AdminFeedback {
  id: string;
  campusId: string;
  text: string;
  photos: { id: string; url: string }[];
  state: FeedbackState;
  createdAt: string;
  updatedAt: string;
  replies: { id: string; text: string; at: string }[];
  author: { id: string; nickname: string; avatarUrl: string | null };
}

export interface UploadedPhoto {
  id: string;
  urls: { thumb: string; medium: string; large: string };
  width: number;
  height: number;
}
