import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { api } from '../src/api/endpoints';
import { PublishForm } from '../src/components/PublishForm';
import { emptyForm, type FormValues } from '../src/components/publish-form-model';
import { catalog } from './fixtures';
import { requests, respondWith } from './taro-mock';

function filled(over: Partial<FormValues> = {}): FormValues {
  return {
    ...emptyForm('item'),
    title: '宜家台灯',
    description: '用了一个学期，灯泡正常',
    price: '12.5',
    originalPrice: '39.9',
    categoryId: 'c-lamp',
    condition: 'lightly_used',
    areaId: 'a-north',
    ...over,
  };
}

function renderForm(
  initial: FormValues,
  onSubmit = async (b: Parameters<typeof api.createListing>[0]) => void (await api.createListing(b)),
) {
  return render(<PublishForm catalog={catalog} initial={initial} submitLabel="发布" onSubmit={onSubmit} />);
}

/** The field block whose label is `label`. */
function field(label: string): HTMLElement {
  const el = screen.getByText(label).closest('.pf-field');
  if (!el) throw new Error(`no field ${label}`);
  return el as HTMLElement;
}

describe('PublishForm', () => {
  it('shows a VALIDATION_FAILED message from the API next to the field it names', async () => {
    respondWith(() => ({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交内容有误',
          details: [{ field: 'title', message: '标题包含不允许的词语' }],
        },
      },
    }));
    renderForm(filled());
    fireEvent.click(screen.getByText('发布'));

    await within(field('标题')).findByText('标题包含不允许的词语');
    expect(within(field('描述')).queryByText('标题包含不允许的词语')).toBeNull();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.url).toBe('/v1/listings');
  });

  it('sends prices as exact integer fen', async () => {
    respondWith(() => ({ statusCode: 201, data: { id: 'L9' } }));
    const onSubmit = vi.fn(async (b: Parameters<typeof api.createListing>[0]) => void (await api.createListing(b)));
    renderForm(filled({ price: '12.5', originalPrice: '0.07' }), onSubmit);
    fireEvent.click(screen.getByText('发布'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(requests[0]!.data).toMatchObject({
      kind: 'item',
      title: '宜家台灯',
      price: 1250,
      originalPrice: 7,
      categoryId: 'c-lamp',
      condition: 'lightly_used',
      areaId: 'a-north',
      tradeMethods: ['face_to_face'],
    });
  });

  it('maps a nested API field (book.isbn) onto the ISBN input', async () => {
    respondWith(() => ({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'bad',
          details: [{ field: 'book.isbn', message: '这本书不在书库里' }],
        },
      },
    }));
    renderForm(filled({ kind: 'book', categoryId: 'c-textbook', isbn: '9787111213826' }));
    fireEvent.click(screen.getByText('发布'));
    await within(field('ISBN')).findByText('这本书不在书库里');
  });

  it('checks the ISBN checksum before calling the API', async () => {
    renderForm(filled({ kind: 'book', categoryId: 'c-textbook', isbn: '9787111213827' }));
    fireEvent.click(screen.getByText('发布'));
    await within(field('ISBN')).findByText('ISBN 校验失败，请核对');
    expect(requests).toHaveLength(0);
  });

  it('rejects a price with three decimals without calling the API', async () => {
    renderForm(filled({ price: '12.345' }));
    fireEvent.click(screen.getByText('发布'));
    await within(field('价格')).findByText('价格最多两位小数');
    expect(requests).toHaveLength(0);
  });

  it('sends price null for a wanted post marked 面议', async () => {
    respondWith(() => ({ statusCode: 201, data: { id: 'W1' } }));
    renderForm(filled({ kind: 'wanted', price: '', originalPrice: '', condition: null }));
    fireEvent.click(screen.getByTestId('negotiable'));
    fireEvent.click(screen.getByText('发布'));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]!.data).toMatchObject({ kind: 'wanted', price: null, originalPrice: null });
  });

  it('shows a non-field API error in the banner', async () => {
    respondWith(() => ({ statusCode: 403, data: { error: { code: 'NOT_VERIFIED', message: '尚未验证学生身份' } } }));
    renderForm(filled());
    fireEvent.click(screen.getByText('发布'));
    const banner = await screen.findByTestId('form-error');
    expect(banner.textContent).toContain('尚未验证学生身份');
  });

  it('updates the title through the input', async () => {
    respondWith(() => ({ statusCode: 201, data: { id: 'L9' } }));
    renderForm(filled({ title: '' }));
    const input = within(field('标题')).getByRole('textbox');
    fireEvent.input(input, { target: { value: '二手键盘' } });
    fireEvent.click(screen.getByText('发布'));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]!.data).toMatchObject({ title: '二手键盘' });
  });
});

describe('PublishForm and the content check', () => {
  it('shows CONTENT_RISKY under the field the API names, and an unavailable checker in the banner', async () => {
    respondWith(() => ({
      statusCode: 400,
      data: {
        error: {
          code: 'CONTENT_RISKY',
          message: '描述包含不允许发布的内容，请修改后再提交',
          details: { field: 'description', label: 'word:代考' },
        },
      },
    }));
    renderForm(filled({ description: '期末代考' }));
    fireEvent.click(screen.getByText('发布'));
    await within(field('描述')).findByText('描述包含不允许发布的内容，请修改后再提交');
    expect(within(field('标题')).queryByText(/不允许发布/)).toBeNull();
  });

  it('an unavailable checker asks to retry later, in the banner', async () => {
    respondWith(() => ({
      statusCode: 503,
      data: {
        error: {
          code: 'CONTENT_SAFETY_UNAVAILABLE',
          message: '内容安全检查暂时不可用，请稍后再试（你填写的内容未丢失）',
          details: { field: 'title' },
        },
      },
    }));
    renderForm(filled());
    fireEvent.click(screen.getByText('发布'));
    expect((await screen.findByTestId('form-error')).textContent).toContain('请稍后再试');
  });
});

describe('PublishForm and list fields', () => {
  it('puts a message about one photo (photos.1) under the photos', async () => {
    respondWith(() => ({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交内容有误',
          details: [{ field: '/photos/1', message: '这张照片不是你上传的' }],
        },
      },
    }));
    renderForm(filled());
    fireEvent.click(screen.getByText('发布'));
    const photos = await screen.findByText('这张照片不是你上传的');
    expect(photos.closest('[data-testid="form-error"]')).toBeNull();
  });
});
