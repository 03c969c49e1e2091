import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Banner, CreateBannerBody } from '../src/api/types';
import { Banners } from '../src/pages/banners/Banners';
import { refuse, stubFetch, type Call } from './fakeApi';
import { renderPage } from './render';

const aBanner = (id: string, over: Partial<Banner> = {}): Banner => ({
  id,
  campusId: 'demo',
  title: `轮播 ${id}`,
  imageUrl: `/media/photos/P-${id}/medium`,
  photoId: `P-${id}`,
  target: { kind: 'none' },
  position: 0,
  startsAt: '2026-12-01T00:00:00.000Z',
  endsAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  state: 'live',
  ...over,
});

/** A banner store behind the admin routes, plus the photo upload. */
function bannersApi(initial: Banner[]) {
  let banners = [...initial];
  return (c: Call) => {
    if (c.path === '/v1/admin/banners' && c.method === 'GET') return { status: 200, body: { items: banners } };
    if (c.path === '/v1/admin/notices') return { status: 200, body: { items: [] } };
    if (c.path === '/v1/photos' && c.method === 'POST')
      return {
        status: 201,
        body: {
          id: 'P-new',
          urls: { thumb: '/media/photos/P-new/thumb', medium: '/media/photos/P-new/medium', large: '/l' },
          width: 750,
          height: 300,
        },
      };
    if (c.path === '/v1/admin/banners' && c.method === 'POST') {
      const body = c.body as CreateBannerBody;
      const created = aBanner('B-new', {
        ...(body as Partial<Banner>),
        imageUrl: '/media/photos/P-new/medium',
        state: 'live',
      });
      banners = [...banners, created];
      return { status: 201, body: created };
    }
    const m = /^\/v1\/admin\/banners\/([^/]+)$/.exec(c.path);
    if (m && c.method === 'DELETE') {
      banners = banners.filter((b) => b.id !== m[1]);
      return { status: 204 };
    }
    return undefined;
  };
}

const row = (id: string) => document.querySelector<HTMLElement>(`tr[data-row-key="${id}"]`)!;

describe('轮播图 page', () => {
  it('lists banners with their schedule state and previews the live ones at phone width', async () => {
    stubFetch(
      bannersApi([
        aBanner('B1', { title: '开学季', position: 1 }),
        aBanner('B2', { title: '毕业季', state: 'scheduled', startsAt: '2027-06-01T00:00:00.000Z' }),
        aBanner('B3', { title: '国庆', state: 'ended', endsAt: '2026-10-08T00:00:00.000Z' }),
      ]),
    );
    renderPage(<Banners />);
    await screen.findByText('开学季');
    expect(within(row('B1')).getByText('展示中')).toBeTruthy();
    expect(within(row('B2')).getByText('待上线')).toBeTruthy();
    expect(within(row('B3')).getByText('已结束')).toBeTruthy();
    const phone = screen.getByTestId('phone-preview');
    // Only what students see now is in the phone preview.
    expect(within(phone).getAllByAltText('开学季').length).toBeGreaterThan(0);
    expect(within(phone).queryByAltText('毕业季')).toBeNull();
  });

  it('creates a banner: uploads the image as multipart, picks a page target, and previews it first', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(bannersApi([]));
    renderPage(<Banners />);
    expect(await screen.findByText('还没有轮播图')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /新建轮播图/ }));
    const drawer = (await screen.findByText('新建轮播图', { selector: '.ant-drawer-title' })).closest<HTMLElement>(
      '.ant-drawer',
    )!;
    // Nothing is sent without a title and an image.
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    expect(await within(drawer).findByText('请上传图片')).toBeTruthy();

    await user.type(within(drawer).getByLabelText('标题'), '二手书节');
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'banner.jpg', { type: 'image/jpeg' });
    await user.upload(drawer.querySelector<HTMLInputElement>('input[type=file]')!, file);
    await within(drawer).findByTestId('uploaded-image');
    const upload = calls.find((c) => c.path === '/v1/photos')!;
    expect(upload.body).toBeInstanceOf(FormData);
    expect((upload.body as FormData).get('file')).toBeInstanceOf(File);
    // The preview shows the new banner as the phone will.
    expect(within(within(drawer).getByTestId('phone-preview')).getAllByAltText('二手书节').length).toBeGreaterThan(0);

    fireEvent.mouseDown(within(drawer).getByLabelText('点击跳转'));
    fireEvent.click(await screen.findByTitle('小程序页面'));
    fireEvent.mouseDown(await within(drawer).findByLabelText('目标页面'));
    fireEvent.click(await screen.findByTitle('关于我们'));
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));

    await waitFor(() => expect(calls.some((c) => c.path === '/v1/admin/banners' && c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.path === '/v1/admin/banners' && c.method === 'POST')!.body).toEqual({
      campusId: 'demo',
      title: '二手书节',
      photoId: 'P-new',
      target: { kind: 'page', path: 'pages/about/index' },
      position: 0,
      endsAt: null,
    });
    expect(await screen.findByText('轮播图已创建')).toBeTruthy();
    await waitFor(() => expect(within(row('B-new')).getByText('展示中')).toBeTruthy());
  });

  it('deletes a banner only after confirming', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(bannersApi([aBanner('B1', { title: '开学季' })]));
    renderPage(<Banners />);
    await screen.findByText('开学季');
    await user.click(within(row('B1')).getByRole('button', { name: /删\s*除/ }));
    const confirm = (await screen.findByText('删除轮播图「开学季」？')).closest<HTMLElement>('.ant-popover')!;
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await user.click(within(confirm).getByRole('button', { name: /删\s*除/ }));
    await waitFor(() => expect(calls.find((c) => c.method === 'DELETE')?.path).toBe('/v1/admin/banners/B1'));
    expect(await screen.findByText('还没有轮播图')).toBeTruthy();
  });

  it('shows a refused upload and a failed list', async () => {
    const user = userEvent.setup();
    stubFetch((c) => {
      if (c.path === '/v1/photos') return refuse(415, 'PHOTO_TYPE_UNSUPPORTED', '请上传 JPEG、PNG 或 WebP 照片');
      if (c.path === '/v1/admin/banners') return refuse(500, 'INTERNAL', '服务器内部错误');
      return c.path === '/v1/admin/notices' ? { status: 200, body: { items: [] } } : undefined;
    });
    renderPage(<Banners />);
    expect(await screen.findByText('服务器内部错误')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /新建轮播图/ }));
    const drawer = (await screen.findByText('新建轮播图', { selector: '.ant-drawer-title' })).closest<HTMLElement>(
      '.ant-drawer',
    )!;
    const file = new File([new Uint8Array([1, 2, 3])], 'x.heic', { type: 'image/jpeg' });
    await user.upload(drawer.querySelector<HTMLInputElement>('input[type=file]')!, file);
    expect((await within(drawer).findByTestId('upload-error')).textContent).toContain('请上传 JPEG、PNG 或 WebP 照片');
  });
});
