import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BlendedRecommender,
  ProfileReader,
  RecommendForYou,
  SameCategoryRecommender,
  SimilarListings,
  UpdateRecommendationSignals,
  type Recommender,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { recommendationRoutes } from '../http/routes/recommendations.js';
import { Background } from './background.js';
import { factory, token } from './token.js';
import { Config, Core, Ports } from './tokens.js';

/** How often the worker folds new views and favorites into the signals. */
export const RECS_UPDATE_EVERY_MS = 30_000;

/** Recommendations: ours serves the routes, the baseline is kept for the offline evaluation. */
export const Recs = {
  Ours: token<Recommender>('BlendedRecommender'),
  Baseline: token<Recommender>('SameCategoryRecommender'),
  Profiles: token<ProfileReader>('ProfileReader'),
  Similar: token<SimilarListings>('SimilarListings'),
  ForYou: token<RecommendForYou>('RecommendForYou'),
  UpdateSignals: token<UpdateRecommendationSignals>('UpdateRecommendationSignals'),
  Routes: token<FastifyPluginAsyncTypebox>('RecommendationRoutes'),
};

export const recommendationsModule = new ContainerModule(({ bind }) => {
  factory(bind(Recs.Ours), (p) => new BlendedRecommender(p.candidates, p.signals), [Ports.Persistence]);
  factory(bind(Recs.Baseline), (p) => new SameCategoryRecommender(p.candidates), [Ports.Persistence]);
  factory(bind(Recs.Profiles), (p) => new ProfileReader(p.interactions, p.candidates), [Ports.Persistence]);
  factory(
    bind(Recs.Similar),
    (r, p, views, clock) =>
      new SimilarListings({ recommender: r, candidates: p.candidates, listings: p.listings, views, clock }),
    [Recs.Ours, Ports.Persistence, Core.Views, Core.Clock],
  );
  factory(
    bind(Recs.ForYou),
    (r, profiles, p, views, clock) =>
      new RecommendForYou({
        recommender: r,
        profiles,
        interactions: p.interactions,
        listings: p.listings,
        views,
        clock,
      }),
    [Recs.Ours, Recs.Profiles, Ports.Persistence, Core.Views, Core.Clock],
  );
  factory(
    bind(Recs.UpdateSignals),
    (p) =>
      new UpdateRecommendationSignals({
        interactions: p.interactions,
        log: p.outboxLog,
        checkpoints: p.checkpoints,
        signals: p.signals,
        listings: p.listings,
        uow: p.uow,
      }),
    [Ports.Persistence],
  );
  factory(
    bind(Background.PeriodicTask),
    (job) => ({ name: 'recs-update', everyMs: RECS_UPDATE_EVERY_MS, run: () => job.execute() }),
    [Recs.UpdateSignals],
  );
  factory(
    bind(Recs.Routes),
    (config, similar, forYou) => recommendationRoutes({ similar, forYou, defaultCampusId: config.defaultCampusId }),
    [Config.App, Recs.Similar, Recs.ForYou],
  );
});
