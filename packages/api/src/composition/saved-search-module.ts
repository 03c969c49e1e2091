import { DeleteSavedSearch, ListSavedSearches, SavedSearchAlerts, SaveSearch } from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { savedSearchRoutes } from '../http/routes/saved-searches.js';
import { Background } from './background-tokens.js';
import { Notify } from './notifications-tokens.js';
import { SavedSearches } from './saved-search-tokens.js';
import { Search } from './search-tokens.js';
import { Synonyms } from './synonyms-tokens.js';
import { factory, named } from './token.js';
import { Config, Core, HttpRoutes, Ports } from './tokens.js';

/**
 * 我的订阅: the routes, and the alerts as an outbox subscriber the worker runs (one job per published or
 * relisted listing), matching with the search's own tokenizer; notices go through the notification
 * recorder, so consent, mutes, the hourly QQ limit and delivery are the other notices'.
 */
export const savedSearchModule = new ContainerModule(({ bind }) => {
  named(bind(SavedSearches.Save), (deps) => new SaveSearch(deps), {
    savedSearches: Ports.SavedSearches,
    categories: Ports.Categories,
    tokenizer: Search.Tokenizer,
    uow: Ports.UnitOfWork,
    ids: Core.Ids,
    clock: Core.Clock,
  });
  factory(bind(SavedSearches.List), (savedSearches) => new ListSavedSearches(savedSearches), [Ports.SavedSearches]);
  factory(bind(SavedSearches.Delete), (savedSearches, uow) => new DeleteSavedSearch(savedSearches, uow), [
    Ports.SavedSearches,
    Ports.UnitOfWork,
  ]);
  named(
    bind(SavedSearches.Alerts),
    ({ config, ...deps }) =>
      new SavedSearchAlerts({ ...deps, dailyLimit: config.notifications.savedSearchDailyAlerts }),
    {
      config: Config.App,
      savedSearches: Ports.SavedSearches,
      listings: Ports.Listings,
      categories: Ports.Categories,
      users: Ports.Users,
      tokenizer: Search.Tokenizer,
      synonyms: Synonyms.Source,
      recorder: Notify.Recorder,
      uow: Ports.UnitOfWork,
      clock: Core.Clock,
    },
  );
  factory(bind(Background.EventSubscriber), (alerts) => alerts, [SavedSearches.Alerts]);
  named(bind(HttpRoutes.Api), savedSearchRoutes, {
    save: SavedSearches.Save,
    list: SavedSearches.List,
    remove: SavedSearches.Delete,
  });
});
