import {
  BlendedRecommender,
  ProfileReader,
  RecommendForYou,
  SameCategoryRecommender,
  SimilarListings,
  UpdateRecommendationSignals,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { recommendationRoutes } from '../http/routes/recommendations.js';
import { Background, type PeriodicTask } from './background-tokens.js';
import { Recs } from './recommendations-tokens.js';
import { factory, named } from './token.js';
import { Config, Core, HttpRoutes, Ports } from './tokens.js';

/** How often the worker folds new views and favorites into the signals. */
export const RECS_UPDATE_EVERY_MS = 30_000;

export const recommendationsModule = new ContainerModule(({ bind }) => {
  factory(bind(Recs.Ours), (candidates, signals) => new BlendedRecommender(candidates, signals), [
    Ports.Candidates,
    Ports.Signals,
  ]);
  factory(bind(Recs.Baseline), (candidates) => new SameCategoryRecommender(candidates), [Ports.Candidates]);
  factory(bind(Recs.Profiles), (interactions, candidates) => new ProfileReader(interactions, candidates), [
    Ports.Interactions,
    Ports.Candidates,
  ]);
  named(bind(Recs.Similar), (deps) => new SimilarListings(deps), {
    recommender: Recs.Ours,
    candidates: Ports.Candidates,
    listings: Ports.Listings,
    views: Core.Views,
    clock: Core.Clock,
  });
  named(bind(Recs.ForYou), (deps) => new RecommendForYou(deps), {
    recommender: Recs.Ours,
    profiles: Recs.Profiles,
    interactions: Ports.Interactions,
    listings: Ports.Listings,
    views: Core.Views,
    clock: Core.Clock,
  });
  named(bind(Recs.UpdateSignals), (deps) => new UpdateRecommendationSignals(deps), {
    interactions: Ports.Interactions,
    log: Ports.OutboxLog,
    checkpoints: Ports.Checkpoints,
    signals: Ports.Signals,
    listings: Ports.Listings,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
  });
  factory(
    bind(Background.PeriodicTask),
    (job): PeriodicTask => ({
      name: 'recs-update',
      everyMs: RECS_UPDATE_EVERY_MS,
      run: (signal) => job.execute(undefined, signal),
    }),
    [Recs.UpdateSignals],
  );
  factory(
    bind(HttpRoutes.Api),
    (config, similar, forYou) => recommendationRoutes({ similar, forYou, defaultCampusId: config.defaultCampusId }),
    [Config.App, Recs.Similar, Recs.ForYou],
  );
});
