import type {
  ProfileReader,
  RecommendForYou,
  Recommender,
  SimilarListings,
  UpdateRecommendationSignals,
} from '@xianzhi/core';
import { token } from './token.js';

/** Recommendations: ours serves the routes, the baseline is kept for the offline evaluation. */
export const Recs = {
  Ours: token<Recommender>('BlendedRecommender'),
  Baseline: token<Recommender>('SameCategoryRecommender'),
  Profiles: token<ProfileReader>('ProfileReader'),
  Similar: token<SimilarListings>('SimilarListings'),
  ForYou: token<RecommendForYou>('RecommendForYou'),
  UpdateSignals: token<UpdateRecommendationSignals>('UpdateRecommendationSignals'),
};
