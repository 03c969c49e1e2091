import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PublishForm } from '../src/components/PublishForm';
import { emptyForm, formFromListing, type FormValues } from '../src/components/publish-form-model';
import { catalog } from './fixtures';
import { storage, taroFake } from './taro-mock';

function filled(over: Partial<FormValues> = {}): FormValues {
  return {
    ...emptyForm('item'),
    title: '宜家台灯',
    price: '12.5',
    categoryId: 'c-lamp',
    condition: 'lightly_used',
    ...over,
  };
}

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

describe('PublishForm photos', () => {
  it('picks images, uploads each to /v1/photos with the token, shows thumbnails and sends the ids in order', async () => {
    storage.set('xz_token', 'tok-alice');
    taroFake.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['wxfile://a.jpg', 'wxfile://b.jpg'] });
    taroFake.uploadFile
      .mockImplementationOnce(async () => uploaded('PHOTOA'))
      .mockImplementationOnce(async () => uploaded('PHOTOB'));
    const onSubmit = vi.fn(async (_body: unknown) => {});
    render(<PublishForm catalog={catalog} initial={filled()} submitLabel="发布" onSubmit={onSubmit} />);

    fireEvent.click(screen.getByTestId('add-photo'));
    await waitFor(() => expect(screen.getAllByTestId('photo')).toHaveLength(2));
    expect(taroFake.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 9 }));
    const calls = taroFake.uploadFile.mock.calls.map(([o]) => o);
    expect(calls.map((o) => [o.url, o.filePath, o.name, o.header?.Authorization])).toEqual([
      ['/v1/photos', 'wxfile://a.jpg', 'file', 'Bearer tok-alice'],
      ['/v1/photos', 'wxfile://b.jpg', 'file', 'Bearer tok-alice'],
    ]);
    const photos = within(screen.getByTestId('photos'));
    expect(photos.getByText('封面')).toBeTruthy();
    expect(photos.getByText('2/9 张，第一张作封面，‹ › 调整顺序')).toBeTruthy();
    expect(document.querySelector('img')?.getAttribute('src')).toBe('/media/photos/PHOTOA/thumb');

    // Removing the first makes the second the cover.
    fireEvent.click(photos.getAllByText('×')[0]!);
    fireEvent.click(screen.getByText('发布'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ photos: ['PHOTOB'] });
  });

  it('shows the API’s refusal (e.g. a file that is not an image) under the photos and keeps the rest', async () => {
    taroFake.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['wxfile://notes.jpg'] });
    taroFake.uploadFile.mockImplementationOnce(async () => ({
      statusCode: 415,
      data: JSON.stringify({
        error: { code: 'PHOTO_TYPE_UNSUPPORTED', message: '只能上传 JPEG、PNG 或 WebP 图片', details: null },
      }),
    }));
    render(
      <PublishForm
        catalog={catalog}
        initial={filled({ photos: [{ id: 'OLD', thumbUrl: '/media/photos/OLD/thumb' }] })}
        submitLabel="发布"
        onSubmit={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByTestId('add-photo'));
    await screen.findByText('只能上传 JPEG、PNG 或 WebP 图片');
    expect(screen.getAllByTestId('photo')).toHaveLength(1);
    expect(taroFake.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 8 }));
  });

  it('offers no picker once nine photos are there, and an edited listing starts with its photos', () => {
    const nine = Array.from({ length: 9 }, (_, i) => ({ id: `P${i}`, thumbUrl: `/media/photos/P${i}/thumb` }));
    render(<PublishForm catalog={catalog} initial={filled({ photos: nine })} submitLabel="发布" onSubmit={vi.fn()} />);
    expect(screen.queryByTestId('add-photo')).toBeNull();
    const form = formFromListing({
      kind: 'item',
      title: 't',
      description: '',
      price: 100,
      originalPrice: null,
      category: { id: 'c-lamp' },
      condition: 'new',
      areaId: null,
      tradeMethods: ['face_to_face'],
      book: null,
      photos: [
        {
          id: 'X1',
          url: '/media/photos/X1/medium',
          urls: { thumb: '/media/photos/X1/thumb', medium: '/media/photos/X1/medium', large: '/media/photos/X1/large' },
        },
      ],
    } as never);
    expect(form.photos).toEqual([{ id: 'X1', thumbUrl: '/media/photos/X1/thumb' }]);
  });
});
