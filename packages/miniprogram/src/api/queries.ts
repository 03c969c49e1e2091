import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { getChosenCampus, subscribeChosenCampus } from './campus';
import { getToken, onSessionChange } from './client';
import { api } from './endpoints';

/**
 * The query keys of the app, in one place so a page can refresh what another shows. Everything under
 * `user` belongs to the signed-in student; the cache is reset on every login and logout (query.ts).
 */
export const keys = {
  clientConfig: ['client-config'] as const,
  campuses: ['campuses'] as const,
  me: ['user', 'me'] as const,
  unread: ['user', 'unread'] as const,
  notifications: ['user', 'notifications'] as const,
  catalog: (campusId: string | null) => ['catalog', campusId] as const,
  banners: (campusId: string | null) => ['banners', campusId] as const,
  notices: (campusId: string | null) => ['notices', campusId] as const,
  notice: (id: string) => ['notice', id] as const,
  profile: (id: string) => ['profile', id] as const,
};

/** Whether a student is signed in on this phone, following logins and logouts as they happen. */
export function useSignedIn(): boolean {
  return useSyncExternalStore(
    (notify) => onSessionChange(notify),
    () => Boolean(getToken()),
    () => Boolean(getToken()),
  );
}

/** How this server runs (demo or production) and its default campus; rarely changes, so kept for the launch. */
export function useClientConfig() {
  return useQuery({ queryKey: keys.clientConfig, queryFn: api.clientConfig, staleTime: Infinity });
}

export function useCampuses() {
  return useQuery({ queryKey: keys.campuses, queryFn: api.campuses, staleTime: 10 * 60_000 });
}

/** The signed-in student's profile (`GET /v1/me`); idle for a visitor. */
export function useMe() {
  const signedIn = useSignedIn();
  return useQuery({ queryKey: keys.me, queryFn: api.me, enabled: signedIn });
}

export interface CampusState {
  /** The campus every feed, search and catalog call names; null while unknown. */
  campusId: string | null;
  /** `choose`: a visitor on a server with several campuses who has not picked one yet. */
  status: 'loading' | 'ready' | 'choose';
  source: 'profile' | 'chosen' | 'default' | null;
}

/**
 * Which campus the app browses: a signed-in student's own campus (their profile); otherwise the one
 * the visitor picked on this phone; otherwise the server's only campus. With several campuses and no
 * pick, the page asks (CampusGate).
 */
export function useCampus(): CampusState {
  const signedIn = useSignedIn();
  const me = useMe();
  const chosen = useSyncExternalStore(subscribeChosenCampus, getChosenCampus, getChosenCampus);
  const config = useClientConfig();
  if (signedIn) {
    if (me.data) return { campusId: me.data.campusId, status: 'ready', source: 'profile' };
    if (me.isPending && me.fetchStatus !== 'idle') return { campusId: null, status: 'loading', source: null };
  }
  if (chosen) return { campusId: chosen, status: 'ready', source: 'chosen' };
  if (config.data?.defaultCampusId)
    return { campusId: config.data.defaultCampusId, status: 'ready', source: 'default' };
  if (config.isPending) return { campusId: null, status: 'loading', source: null };
  return { campusId: null, status: 'choose', source: null };
}

/** The unread count behind the 消息 badge; idle for a visitor. */
export function useUnreadCount() {
  const signedIn = useSignedIn();
  return useQuery({ queryKey: keys.unread, queryFn: api.unreadCount, enabled: signedIn });
}

export function useBanners(campusId: string | null) {
  return useQuery({
    queryKey: keys.banners(campusId),
    queryFn: () => api.banners(campusId!),
    enabled: campusId !== null,
  });
}

export function useNotices(campusId: string | null) {
  return useQuery({
    queryKey: keys.notices(campusId),
    queryFn: () => api.notices(campusId!),
    enabled: campusId !== null,
  });
}

export function useNotice(id: string) {
  return useQuery({ queryKey: keys.notice(id), queryFn: () => api.notice(id), enabled: id !== '' });
}

export function useProfile(id: string) {
  return useQuery({ queryKey: keys.profile(id), queryFn: () => api.user(id), enabled: id !== '' });
}
