import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BookFields } from '../src/components/BookFields';
import Edit from '../src/pages/edit/index';
import { catalog } from './fixtures';
import { aDetail, calls, ok, refusal, renderWithQuery, serve } from './query';
import { routerParams, storage, taroFake } from './taro-mock';

const uploaded = (id: string) => ({
  statusCode: 201,
  data: JSON.stringify({
    id,
    urls: {
      thumb: `/media/photos/${id}/thumb`,
      medium: `/media/photos/${id}/medium`,
      large: `/media/photos/${id}/large`,
    },
    width: 800,
    height: 600,
  }),
});

const photoIds = () =>
  screen.getAllByTestId('photo').map((el) => el.getAttribute('data-photo-id') ?? el.dataset.photoId ?? '');

beforeEach(() => {
  storage.set('xz_token', 'tok-alice');
  routerParams.id = 'L1';
});

describe('编辑 keeps and changes the photos', () => {
  it('starts with the listing’s photos and saves them reordered, one removed and one added, with the version', async () => {
    const listing = aDetail({ isMine: true, version: 7 }, ['P1', 'P2', 'P3']);
    serve({
      'GET /v1/catalog': () => ok(catalog),
      'GET /v1/listings/L1': () => ok(listing),
      'PATCH /v1/listings/L1': (req) => ok({ ...listing, version: 8, photos: [], ...(req.data as object) }),
    });
    taroFake.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['wxfile://new.jpg'] });
    taroFake.uploadFile.mockImplementationOnce(async () => uploaded('P4'));
    renderWithQuery(<Edit />);

    await waitFor(() => expect(photoIds()).toEqual(['P1', 'P2', 'P3']));
    // P2 becomes the cover, P3 goes, a new photo comes last.
    fireEvent.click(within(screen.getAllByTestId('photo')[1]!).getByTestId('photo-earlier'));
    expect(photoIds()).toEqual(['P2', 'P1', 'P3']);
    fireEvent.click(within(screen.getAllByTestId('photo')[2]!).getByTestId('photo-remove'));
    fireEvent.click(screen.getByTestId('add-photo'));
    await waitFor(() => expect(photoIds()).toEqual(['P2', 'P1', 'P4']));
    expect(within(screen.getAllByTestId('photo')[0]!).getByText('封面')).toBeTruthy();

    fireEvent.click(screen.getByText('保存修改'));
    await waitFor(() => expect(calls('PATCH', '/v1/listings/L1')).toHaveLength(1));
    const body = calls('PATCH', '/v1/listings/L1')[0]!.data as Record<string, unknown>;
    expect(body).toMatchObject({ photos: ['P2', 'P1', 'P4'], version: 7, title: '台灯' });
    expect(body).not.toHaveProperty('kind');
    await waitFor(() => expect(taroFake.navigateBack).toHaveBeenCalled());
  });

  it('keeps the photos untouched when only the text changes', async () => {
    const listing = aDetail({ isMine: true }, ['P1', 'P2']);
    serve({
      'GET /v1/catalog': () => ok(catalog),
      'GET /v1/listings/L1': () => ok(listing),
      'PATCH /v1/listings/L1': () => ok(listing),
    });
    renderWithQuery(<Edit />);
    await waitFor(() => expect(photoIds()).toEqual(['P1', 'P2']));
    fireEvent.click(screen.getByText('保存修改'));
    await waitFor(() => expect(calls('PATCH', '/v1/listings/L1')).toHaveLength(1));
    expect(calls('PATCH', '/v1/listings/L1')[0]!.data).toMatchObject({ photos: ['P1', 'P2'] });
  });

  it('opened first (a shared link, a reload), it goes on to the listing after saving instead of leaving the app', async () => {
    const listing = aDetail({ isMine: true }, ['P1']);
    serve({
      'GET /v1/catalog': () => ok(catalog),
      'GET /v1/listings/L1': () => ok(listing),
      'PATCH /v1/listings/L1': () => ok(listing),
    });
    taroFake.getCurrentPages.mockReturnValue([{}]);
    try {
      renderWithQuery(<Edit />);
      await waitFor(() => expect(photoIds()).toEqual(['P1']));
      fireEvent.click(screen.getByText('保存修改'));
      await waitFor(() => expect(taroFake.redirectTo).toHaveBeenCalledWith({ url: '/pages/detail/index?id=L1' }));
      expect(taroFake.navigateBack).not.toHaveBeenCalled();
    } finally {
      taroFake.getCurrentPages.mockReturnValue([{}, {}]);
    }
  });

  it('shows upload progress while a photo is on its way', async () => {
    const listing = aDetail({ isMine: true }, []);
    serve({ 'GET /v1/catalog': () => ok(catalog), 'GET /v1/listings/L1': () => ok(listing) });
    let finish: () => void = () => undefined;
    taroFake.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['wxfile://slow.jpg'] });
    taroFake.uploadFile.mockImplementationOnce(() => {
      let progress: (p: { progress: number }) => void = () => undefined;
      const task = new Promise<{ statusCode: number; data: string }>((resolve) => {
        finish = () => resolve(uploaded('P9'));
      }) as Promise<{ statusCode: number; data: string }> & { onProgressUpdate: (cb: typeof progress) => void };
      task.onProgressUpdate = (cb) => {
        progress = cb;
        setTimeout(() => progress({ progress: 42 }), 0);
      };
      return task;
    });
    renderWithQuery(<Edit />);
    fireEvent.click(await screen.findByTestId('add-photo'));
    const pending = await screen.findByTestId('photo-pending');
    await within(pending).findByText('42%');
    expect(screen.getByText('上传中（还剩 1 张）…')).toBeTruthy();
    finish();
    await waitFor(() => expect(photoIds()).toEqual(['P9']));
    expect(screen.queryByTestId('photo-pending')).toBeNull();
  });

  it('shows a stale version with 重新加载, and only edits my own listing', async () => {
    serve({
      'GET /v1/catalog': () => ok(catalog),
      'GET /v1/listings/L1': () => ok(aDetail({ isMine: true }, ['P1'])),
      'PATCH /v1/listings/L1': () => refusal(409, 'LISTING_VERSION_CONFLICT', 'stale'),
    });
    renderWithQuery(<Edit />);
    fireEvent.click(await screen.findByText('保存修改'));
    expect((await screen.findByTestId('form-error')).textContent).toContain('重新加载');
    expect(screen.getByText('重新加载')).toBeTruthy();
  });

  it('refuses to edit someone else’s listing', async () => {
    serve({ 'GET /v1/catalog': () => ok(catalog), 'GET /v1/listings/L1': () => ok(aDetail({ isMine: false })) });
    renderWithQuery(<Edit />);
    expect(await screen.findByText('只能编辑自己发布的商品')).toBeTruthy();
  });
});

describe('ISBN', () => {
  it('scans the barcode (QQ) and fills the book fields from an earlier listing of the same book', async () => {
    (taroFake as unknown as { scanCode: ReturnType<typeof vi.fn> }).scanCode = vi.fn(async () => ({
      result: '9787111213826',
    }));
    serve({
      'GET /v1/search': () =>
        ok({ items: [{ listing: { id: 'B1' }, score: 1, title: [], snippet: [] }], nextCursor: null }),
      'GET /v1/listings/B1': () =>
        ok(
          aDetail({
            id: 'B1',
            kind: 'book',
            title: '深入理解计算机系统',
            book: { isbn: '9787111213826', author: 'Bryant', publisher: '机械工业出版社', course: '计算机系统' },
          }),
        ),
    });
    const onChange = vi.fn();
    const onFound = vi.fn();
    render(
      <BookFields
        values={{ isbn: '', author: '', publisher: '', course: '' }}
        errors={{}}
        onChange={onChange}
        onFound={onFound}
        canScan
      />,
    );
    fireEvent.click(screen.getByTestId('scan-isbn'));
    await waitFor(() => expect(onFound).toHaveBeenCalledTimes(1));
    expect(onChange).toHaveBeenCalledWith('isbn', '9787111213826');
    expect(onFound.mock.calls[0]![0]).toEqual({
      title: '深入理解计算机系统',
      author: 'Bryant',
      publisher: '机械工业出版社',
      course: '计算机系统',
      categoryId: 'c-lamp',
    });
    expect(await screen.findByText(/已按同学发布过的《深入理解计算机系统》填好书籍信息/)).toBeTruthy();
  });

  it('the web build types the ISBN: no scanner, and a typed complete ISBN is looked up too', async () => {
    serve({ 'GET /v1/search': () => ok({ items: [], nextCursor: null }) });
    const onChange = vi.fn();
    render(
      <BookFields
        values={{ isbn: '', author: '', publisher: '', course: '' }}
        errors={{}}
        onChange={onChange}
        onFound={vi.fn()}
      />,
    );
    expect(screen.queryByTestId('scan-isbn')).toBeNull();
    fireEvent.input(screen.getByPlaceholderText('978 开头的 13 位数字'), { target: { value: '978-7-111-21382-6' } });
    await waitFor(() => expect(calls('GET', '/v1/search')).toHaveLength(1));
    expect(calls('GET', '/v1/search')[0]!.url).toContain('q=9787111213826');
  });
});
