import { useQuery } from '@tanstack/react-query';
import type { CampusContact, CampusList } from '@xianzhi/api/contract';
import { request } from './client';

export const campusesKey = ['campuses'] as const;

export function useCampuses() {
  return useQuery({
    queryKey: campusesKey,
    queryFn: () => request<CampusList>('GET', '/v1/campuses'),
    staleTime: 10 * 60_000,
  });
}

/** The contact of my campus, else of the server's default campus, else of the only one. */
export function contactFor(list: CampusList | undefined, campusId: string | null): CampusContact | null {
  if (!list) return null;
  const id = campusId ?? list.defaultCampusId ?? (list.items.length === 1 ? list.items[0]!.id : null);
  return list.items.find((c) => c.id === id)?.contact ?? null;
}

/** The contact as lines to read, e.g. `QQ：123456`. */
export function contactLines(c: CampusContact | null): string[] {
  if (!c) return [];
  const lines: string[] = [];
  if (c.qq) lines.push(`QQ：${c.qq}`);
  if (c.phone) lines.push(`电话：${c.phone}`);
  if (c.email) lines.push(`邮箱：${c.email}`);
  if (c.hours) lines.push(`服务时间：${c.hours}`);
  return lines;
}
