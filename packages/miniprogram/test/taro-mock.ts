import { vi } from 'vitest';

/** In-memory stand-in for Taro's storage. */
export const storage = new Map<string, unknown>();

export interface FakeResponse {
  statusCode: number;
  data: unknown;
}

/** The query of the page under test, as `useRouter().params` gives it. */
export const routerParams: Record<string, string> = {};

/** Every Taro.request call, for assertions on method, url, header and body. */
export const requests: { url: string; method: string; header: Record<string, string>; data: unknown }[] = [];

let responder: (req: { url: string; method: string; data: unknown }) => FakeResponse | Promise<FakeResponse> = () => ({
  statusCode: 404,
  data: { error: { code: 'NOT_FOUND', message: 'no fake response' } },
});

export function respondWith(fn: typeof responder): void {
  responder = fn;
}

export function resetTaro(): void {
  storage.clear();
  for (const k of Object.keys(routerParams)) delete routerParams[k];
  requests.length = 0;
  respondWith(() => ({ statusCode: 404, data: { error: { code: 'NOT_FOUND', message: 'no fake response' } } }));
  for (const fn of Object.values(taro)) if (vi.isMockFunction(fn)) fn.mockClear();
}

const taro = {
  request: vi.fn(async (opts: { url: string; method?: string; header?: Record<string, string>; data?: unknown }) => {
    const req = { url: opts.url, method: opts.method ?? 'GET', header: opts.header ?? {}, data: opts.data };
    requests.push(req);
    return responder(req);
  }),
  getStorageSync: vi.fn((key: string) => storage.get(key) ?? ''),
  setStorageSync: vi.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: vi.fn((key: string) => void storage.delete(key)),
  showToast: vi.fn(async () => ({})),
  showModal: vi.fn(async () => ({ confirm: true, cancel: false })),
  navigateTo: vi.fn(async () => ({})),
  navigateBack: vi.fn(async () => ({})),
  redirectTo: vi.fn(async () => ({})),
  /** The page stack: two pages unless a test says otherwise (`taroFake.getCurrentPages.mockReturnValueOnce([{}])`). */
  getCurrentPages: vi.fn((): object[] => [{}, {}]),
  switchTab: vi.fn(async () => ({})),
  stopPullDownRefresh: vi.fn(),
  showShareMenu: vi.fn(async () => ({})),
  setTabBarBadge: vi.fn(async () => ({})),
  removeTabBarBadge: vi.fn(async () => ({})),
  setClipboardData: vi.fn(async () => ({})),
  previewImage: vi.fn(async () => ({})),
  /** Tests choose images with `taroFake.chooseImage.mockResolvedValueOnce({ tempFilePaths: [...] })`. */
  chooseImage: vi.fn(async (): Promise<{ tempFilePaths: string[] }> => ({ tempFilePaths: [] })),
  /** Answers 404 unless a test sets `taroFake.uploadFile.mockImplementation(...)`. */
  uploadFile: vi.fn(
    async (_opts: {
      url: string;
      filePath: string;
      name: string;
      header?: Record<string, string>;
    }): Promise<{ statusCode: number; data: string }> => ({
      statusCode: 404,
      data: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no fake upload' } }),
    }),
  ),
  getSetting: vi.fn(async () => ({ authSetting: {} })),
  authorize: vi.fn(async () => ({})),
  getEnv: () => 'WEB',
  ENV_TYPE: { WEB: 'WEB', WEAPP: 'WEAPP' },
};

export const taroFake = taro;

export const taroModule = {
  default: taro,
  ...taro,
  /** Tests of a page that reads its query set `routerParams` (cleared before each test by resetTaro). */
  useRouter: () => ({ params: routerParams, path: '' }),
  useDidShow: vi.fn(),
  useDidHide: vi.fn(),
  useLoad: vi.fn(),
  usePullDownRefresh: vi.fn(),
  useReachBottom: vi.fn(),
  useShareAppMessage: vi.fn(),
  useShareTimeline: vi.fn(),
};
