// A student's trades and ratings as the back office reads them (GET /v1/admin/users/:id/trades|ratings,
// docs/trades-api.md). Money is integer fen.

interface Party {
  id: string;
  nickname: string;
}

export interface AdminTrade {
  id: string;
  listing: { id: string; title: string; priceFen: number | null; status: string };
  seller: Party;
  buyer: Party;
  priceFen: number;
  status: 'agreed' | 'completed' | 'cancelled';
  cancelledBy: 'seller' | 'buyer' | null;
  cancelReason: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface AdminRating {
  id: string;
  tradeId: string;
  score: 'good' | 'neutral' | 'bad';
  text: string | null;
  rater: Party;
  ratee: Party;
  rateeRole: 'seller' | 'buyer';
  listingTitle: string;
  createdAt: string;
  publishedAt: string | null;
  reply: { text: string; createdAt: string } | null;
  /** Hidden by an admin's decision on a report: gone from the profile, kept here. */
  hidden?: boolean;
}
