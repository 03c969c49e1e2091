import { createContext, useContext } from 'react';
import type { AdminProfile, Campus } from '../api/types';

export interface Session {
  readonly admin: AdminProfile;
  /** The campus every page shows: a campus admin's own, or the one a super admin picked. */
  readonly campusId: string;
  readonly campusName: string;
  /** The campuses this admin may pick from (only their own for a campus admin). */
  readonly campuses: readonly Campus[];
  readonly setCampusId: (campusId: string) => void;
  readonly signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in shell');
  return session;
}

export const isSuper = (admin: AdminProfile) => admin.role === 'super_admin';
export const ROLE_LABEL: Record<AdminProfile['role'], string> = {
  super_admin: '超级管理员',
  campus_admin: '校区管理员',
};
