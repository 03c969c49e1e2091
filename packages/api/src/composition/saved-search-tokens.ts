import type { DeleteSavedSearch, ListSavedSearches, SavedSearchAlerts, SaveSearch } from '@xianzhi/core';
import { token } from './token.js';

/** 我的订阅: saved searches and the alerts new listings send them. */
export const SavedSearches = {
  Save: token<SaveSearch>('SaveSearch'),
  List: token<ListSavedSearches>('ListSavedSearches'),
  Delete: token<DeleteSavedSearch>('DeleteSavedSearch'),
  Alerts: token<SavedSearchAlerts>('SavedSearchAlerts'),
};
