import { Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/endpoints';
import { keys } from '../../api/query';
import type { Banner, BannerTarget, CreateBannerBody } from '../../api/types';
import { ImageUpload, type PhotoValue } from '../../components/ImageUpload';
import { PhonePreview } from '../../components/PhonePreview';
import { useAction } from '../../lib/useAction';
import { TARGET_KIND, TargetFields, type TargetKind } from './TargetPicker';

interface Values {
  title: string;
  photo: PhotoValue | null;
  targetKind: TargetKind;
  listingId?: string;
  categoryId?: string;
  noticeId?: string;
  path?: string;
  position: number;
  startsAt: Dayjs | null;
  endsAt: Dayjs | null;
}

function valuesOf(b: Banner | null): Values {
  if (!b) return { title: '', photo: null, targetKind: 'none', position: 0, startsAt: null, endsAt: null };
  return {
    title: b.title,
    photo: { photoId: b.photoId, url: b.imageUrl },
    targetKind: b.target.kind,
    ...b.target,
    position: b.position,
    startsAt: dayjs(b.startsAt),
    endsAt: b.endsAt ? dayjs(b.endsAt) : null,
  };
}

function targetOf(v: Values): BannerTarget {
  switch (v.targetKind) {
    case 'listing':
      return { kind: 'listing', listingId: v.listingId! };
    case 'category':
      return { kind: 'category', categoryId: v.categoryId! };
    case 'notice':
      return { kind: 'notice', noticeId: v.noticeId! };
    case 'page':
      return { kind: 'page', path: v.path! };
    default:
      return { kind: 'none' };
  }
}

interface Props {
  readonly campusId: string;
  /** `undefined` closed, `null` a new banner, else the banner being edited. */
  readonly editing: Banner | null | undefined;
  /** The other live banners, shown beside this one in the preview. */
  readonly live: readonly Banner[];
  readonly onClose: () => void;
}

/** The form itself, mounted afresh for each banner opened, so its fields start from that banner. */
function BannerEditor({ campusId, editing, live, onClose }: Props & { editing: Banner | null }) {
  const [form] = Form.useForm<Values>();
  const watched = Form.useWatch([], form) as Partial<Values> | undefined;

  const save = useAction(
    (body: Omit<CreateBannerBody, 'campusId'>) =>
      editing ? api.updateBanner(editing.id, body) : api.createBanner({ campusId, ...body }),
    { success: editing ? '轮播图已保存' : '轮播图已创建', invalidates: [keys.banners(campusId)], onSuccess: onClose },
  );

  const submit = (v: Values) =>
    save.mutate({
      title: v.title.trim(),
      photoId: v.photo!.photoId,
      target: targetOf(v),
      position: v.position,
      ...(v.startsAt ? { startsAt: v.startsAt.toISOString() } : {}),
      endsAt: v.endsAt ? v.endsAt.toISOString() : null,
    });

  const preview = [
    ...live.filter((b) => b.id !== editing?.id).map((b) => ({ ...b, key: b.id })),
    {
      key: 'editing',
      title: watched?.title ?? '',
      imageUrl: watched?.photo?.url ?? null,
      position: watched?.position ?? 0,
    },
  ].sort((a, b) => a.position - b.position);

  return (
    <Row gutter={24} wrap={false}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={valuesOf(editing)}>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input maxLength={40} showCount />
          </Form.Item>
          <Form.Item name="photo" label="图片" rules={[{ required: true, message: '请上传图片' }]}>
            <ImageUpload />
          </Form.Item>
          <Form.Item name="targetKind" label="点击跳转">
            <Select
              aria-label="点击跳转"
              options={Object.entries(TARGET_KIND).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <TargetFields campusId={campusId} kind={watched?.targetKind} />
          <Form.Item name="position" label="排序（小的在前）">
            <InputNumber min={0} max={999} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="startsAt" label="开始时间" extra="不填则立即开始">
              <DatePicker showTime aria-label="开始时间" />
            </Form.Item>
            <Form.Item
              name="endsAt"
              label="结束时间"
              extra="不填则一直展示"
              dependencies={['startsAt']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, end: Dayjs | null) => {
                    const start = getFieldValue('startsAt') as Dayjs | null;
                    return !end || !start || end.isAfter(start)
                      ? Promise.resolve()
                      : Promise.reject(new Error('结束时间须晚于开始时间'));
                  },
                }),
              ]}
            >
              <DatePicker showTime aria-label="结束时间" />
            </Form.Item>
          </Space>
          <Space style={{ display: 'flex' }}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
            <Button onClick={onClose}>取消</Button>
          </Space>
        </Form>
      </Col>
      <Col flex="395px">
        <PhonePreview banners={preview} notices={[]} />
      </Col>
    </Row>
  );
}

export function BannerForm(props: Props) {
  const { editing, onClose } = props;
  return (
    <Drawer
      open={editing !== undefined}
      onClose={onClose}
      size={980}
      title={editing ? '编辑轮播图' : '新建轮播图'}
      destroyOnHidden
    >
      {editing !== undefined && <BannerEditor key={editing?.id ?? 'new'} {...props} editing={editing} />}
    </Drawer>
  );
}
