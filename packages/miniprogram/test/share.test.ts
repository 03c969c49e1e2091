import { afterEach, describe, expect, it, vi } from 'vitest';
import { shareOnWeb, webLink } from '../src/lib/share';
import { taroFake } from './taro-mock';

const content = { title: '¥30.00 台灯', path: '/pages/detail/index?id=L1' };

afterEach(() => {
  Reflect.deleteProperty(navigator, 'share');
});

describe('sharing from the web page', () => {
  it('links to the page inside the H5 app (hash route)', () => {
    expect(webLink(content.path)).toBe(`${location.origin}${location.pathname}#/pages/detail/index?id=L1`);
  });

  it("uses the phone's share sheet when there is one", async () => {
    const share = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'share', { value: share, configurable: true });
    expect(await shareOnWeb(content)).toBe('shared');
    expect(share).toHaveBeenCalledWith({ title: content.title, text: content.title, url: webLink(content.path) });
    expect(taroFake.setClipboardData).not.toHaveBeenCalled();
  });

  it('does nothing more when the student closes the sheet, and copies the link when sharing fails', async () => {
    const abort = Object.assign(new Error('cancelled'), { name: 'AbortError' });
    Object.defineProperty(navigator, 'share', { value: vi.fn().mockRejectedValueOnce(abort), configurable: true });
    expect(await shareOnWeb(content)).toBe('cancelled');
    expect(taroFake.setClipboardData).not.toHaveBeenCalled();

    Object.defineProperty(navigator, 'share', {
      value: vi.fn().mockRejectedValueOnce(new Error('NotAllowedError')),
      configurable: true,
    });
    expect(await shareOnWeb(content)).toBe('copied');
    expect(taroFake.setClipboardData).toHaveBeenCalledWith({ data: webLink(content.path) });
  });

  it('copies the link where there is no share sheet', async () => {
    expect(await shareOnWeb(content)).toBe('copied');
    expect(taroFake.setClipboardData).toHaveBeenCalledWith({ data: webLink(content.path) });
    expect(taroFake.showToast).toHaveBeenCalledWith({ title: '链接已复制', icon: 'none' });
  });
});
