import Taro from '@tarojs/taro';

/** The campus a visitor picked, kept on the phone (a signed-in student browses their own campus). */
const CAMPUS_KEY = 'xz.campus';
const listeners = new Set<() => void>();

export function getChosenCampus(): string | null {
  try {
    const v = Taro.getStorageSync<string>(CAMPUS_KEY);
    return typeof v === 'string' && v !== '' ? v : null;
  } catch {
    return null;
  }
}

export function chooseCampus(campusId: string | null): void {
  if (campusId) Taro.setStorageSync(CAMPUS_KEY, campusId);
  else Taro.removeStorageSync(CAMPUS_KEY);
  for (const l of [...listeners]) l();
}

/** For `useSyncExternalStore`: every page follows a change of campus at once. */
export function subscribeChosenCampus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
