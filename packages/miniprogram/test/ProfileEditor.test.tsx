import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Me } from '../src/api/types';
import { ProfileEditor } from '../src/components/ProfileEditor';
import { calls, ok, refusal, renderWithQuery, serve } from './query';
import { storage, taroFake } from './taro-mock';

const me: Me = {
  id: 'u-alice',
  nickname: 'alice',
  avatarUrl: null,
  campusId: 'demo',
  verified: true,
  verifiedAt: '2026-11-01T00:00:00.000Z',
  status: 'active',
  role: 'student',
};

function setup() {
  storage.set('xz_token', 'tok-alice');
  const onSaved = vi.fn();
  const onClose = vi.fn();
  renderWithQuery(<ProfileEditor me={me} onSaved={onSaved} onClose={onClose} />);
  const nickname = () =>
    screen.getByTestId('nickname-input').querySelector('input') ?? screen.getByTestId('nickname-input');
  return { onSaved, onClose, nickname };
}

describe('编辑资料', () => {
  it('saves a new nickname (spaces collapsed) with PATCH /v1/me', async () => {
    serve({ 'PATCH /v1/me': (req) => ok({ ...me, ...(req.data as object) }) });
    const { onSaved, nickname } = setup();
    fireEvent.input(nickname(), { target: { value: '  爱丽丝   同学 ' } });
    fireEvent.click(screen.getByTestId('save-profile'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(calls('PATCH', '/v1/me')[0]!.data).toEqual({ nickname: '爱丽丝 同学' });
    expect(onSaved.mock.calls[0]![0]).toMatchObject({ nickname: '爱丽丝 同学' });
  });

  it('checks the length before the round trip, and shows the API’s content refusal under the nickname', async () => {
    serve({
      'PATCH /v1/me': () =>
        refusal(400, 'CONTENT_RISKY', '昵称包含不允许的内容，请修改', { field: 'nickname', label: 'word:x' }),
    });
    const { nickname, onSaved } = setup();
    fireEvent.input(nickname(), { target: { value: '一二三四五六七八九十一二三四五六七八九十多' } });
    fireEvent.click(screen.getByTestId('save-profile'));
    expect(await screen.findByText('昵称须为 1 到 20 个字')).toBeTruthy();
    expect(calls('PATCH', '/v1/me')).toHaveLength(0);

    fireEvent.input(nickname(), { target: { value: '违规昵称' } });
    fireEvent.click(screen.getByTestId('save-profile'));
    expect(await screen.findByText('昵称包含不允许的内容，请修改')).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('uploads a chosen avatar through POST /v1/photos, then sets it by photo id', async () => {
    serve({ 'PATCH /v1/me': () => ok({ ...me, avatarUrl: '/media/photos/AV1/thumb' }) });
    taroFake.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['wxfile://me.jpg'] });
    taroFake.uploadFile.mockImplementationOnce(async () => ({
      statusCode: 201,
      data: JSON.stringify({
        id: 'AV1',
        urls: {
          thumb: '/media/photos/AV1/thumb',
          medium: '/media/photos/AV1/medium',
          large: '/media/photos/AV1/large',
        },
        width: 400,
        height: 400,
      }),
    }));
    const { onSaved } = setup();
    fireEvent.click(screen.getByTestId('choose-avatar'));
    await waitFor(() =>
      expect(screen.getByTestId('choose-avatar').querySelector('img')?.getAttribute('src')).toBe(
        '/media/photos/AV1/thumb',
      ),
    );
    expect(taroFake.uploadFile.mock.calls[0]![0]).toMatchObject({ url: '/v1/photos', filePath: 'wxfile://me.jpg' });
    fireEvent.click(screen.getByTestId('save-profile'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(calls('PATCH', '/v1/me')[0]!.data).toEqual({ avatarUrl: 'AV1' });
  });

  it('shows the photo safety check’s refusal under the avatar and sends nothing', async () => {
    taroFake.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['wxfile://bad.jpg'] });
    taroFake.uploadFile.mockImplementationOnce(async () => ({
      statusCode: 400,
      data: JSON.stringify({
        error: { code: 'CONTENT_RISKY', message: '图片未通过安全检查', details: { field: 'photo' } },
      }),
    }));
    const { onClose } = setup();
    fireEvent.click(screen.getByTestId('choose-avatar'));
    expect(await screen.findByText('图片未通过安全检查')).toBeTruthy();
    fireEvent.click(screen.getByTestId('save-profile'));
    expect(onClose).toHaveBeenCalled(); // nothing changed: nothing to save
    expect(calls('PATCH', '/v1/me')).toHaveLength(0);
  });
});
