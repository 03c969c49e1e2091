import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { setToken } from '../api/client';
import { api } from '../api/endpoints';
import { keys } from '../api/query';
import type { AdminProfile, Campus } from '../api/types';
import { isSuper, SessionContext, type Session } from './context';

const CAMPUS_KEY = 'xz_admin_campus';

/**
 * The signed-in admin and the campus the pages show. A campus admin's campus is fixed by the server; a super
 * admin's pick is remembered in this browser.
 */
export function SessionProvider({ admin, children }: { admin: AdminProfile; children: ReactNode }) {
  const queryClient = useQueryClient();
  const campuses = useQuery({ queryKey: keys.campuses, queryFn: api.campuses, staleTime: Infinity });
  const [picked, setPicked] = useState<string | null>(() => localStorage.getItem(CAMPUS_KEY));

  const setCampusId = useCallback((campusId: string) => {
    localStorage.setItem(CAMPUS_KEY, campusId);
    setPicked(campusId);
  }, []);

  const signOut = useCallback(() => {
    setToken(null);
    // Nothing of this admin's answers may show for the next one.
    queryClient.clear();
  }, [queryClient]);

  const session = useMemo<Session>(() => {
    const all: Campus[] = campuses.data?.items ?? [];
    let campusId: string;
    let visible: Campus[];
    if (isSuper(admin)) {
      visible = all;
      const known = (id: string | null | undefined): id is string => !!id && all.some((c) => c.id === id);
      campusId = known(picked)
        ? picked
        : known(campuses.data?.defaultCampusId)
          ? campuses.data.defaultCampusId
          : (all[0]?.id ?? picked ?? '');
    } else {
      campusId = admin.campusId ?? '';
      visible = all.filter((c) => c.id === campusId);
    }
    const campusName = all.find((c) => c.id === campusId)?.name ?? campusId;
    return { admin, campusId, campusName, campuses: visible, setCampusId, signOut };
  }, [admin, campuses.data, picked, setCampusId, signOut]);

  // A super admin's pages wait for the campus list: without it there is no campus to show.
  if (isSuper(admin) && !session.campusId && campuses.isPending) return null;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
