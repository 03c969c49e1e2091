import { Button, Col, DatePicker, Drawer, Form, Input, Row, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/endpoints';
import { keys } from '../../api/query';
import type { CreateNoticeBody, Notice } from '../../api/types';
import { PhonePreview } from '../../components/PhonePreview';
import { useAction } from '../../lib/useAction';

interface Values {
  title: string;
  body: string;
  pinned: boolean;
  startsAt: Dayjs | null;
  endsAt: Dayjs | null;
}

const valuesOf = (n: Notice | null): Values =>
  n
    ? {
        title: n.title,
        body: n.body,
        pinned: n.pinned,
        startsAt: dayjs(n.startsAt),
        endsAt: n.endsAt ? dayjs(n.endsAt) : null,
      }
    : { title: '', body: '', pinned: false, startsAt: null, endsAt: null };

interface Props {
  readonly campusId: string;
  /** `undefined` closed, `null` a new notice, else the notice being edited. */
  readonly editing: Notice | null | undefined;
  readonly live: readonly Notice[];
  readonly onClose: () => void;
}

function NoticeEditor({ campusId, editing, live, onClose }: Props & { editing: Notice | null }) {
  const [form] = Form.useForm<Values>();
  const watched = Form.useWatch([], form) as Partial<Values> | undefined;
  const save = useAction(
    (body: Omit<CreateNoticeBody, 'campusId'>) =>
      editing ? api.updateNotice(editing.id, body) : api.createNotice({ campusId, ...body }),
    { success: editing ? '公告已保存' : '公告已发布', invalidates: [keys.notices(campusId)], onSuccess: onClose },
  );
  const submit = (v: Values) =>
    save.mutate({
      title: v.title.trim(),
      body: v.body.trim(),
      pinned: v.pinned,
      ...(v.startsAt ? { startsAt: v.startsAt.toISOString() } : {}),
      endsAt: v.endsAt ? v.endsAt.toISOString() : null,
    });
  // Pinned first, then newest, as the home page orders them; the one being edited counts as newest.
  const preview = [
    { key: 'editing', title: watched?.title || '（标题）', pinned: watched?.pinned ?? false },
    ...live.filter((n) => n.id !== editing?.id).map((n) => ({ key: n.id, title: n.title, pinned: n.pinned })),
  ].sort((a, b) => Number(b.pinned) - Number(a.pinned));

  return (
    <Row gutter={24} wrap={false}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={valuesOf(editing)}>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input maxLength={60} showCount />
          </Form.Item>
          <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '请填写正文' }]}>
            <Input.TextArea rows={8} maxLength={5000} showCount />
          </Form.Item>
          <Form.Item name="pinned" label="置顶" valuePropName="checked">
            <Switch aria-label="置顶" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="startsAt" label="开始时间" extra="不填则立即展示">
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
        <PhonePreview banners={[]} notices={preview} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          点开公告后显示正文全文。
        </Typography.Paragraph>
      </Col>
    </Row>
  );
}

export function NoticeForm(props: Props) {
  const { editing, onClose } = props;
  return (
    <Drawer
      open={editing !== undefined}
      onClose={onClose}
      size={980}
      title={editing ? '编辑公告' : '发布公告'}
      destroyOnHidden
    >
      {editing !== undefined && <NoticeEditor key={editing?.id ?? 'new'} {...props} editing={editing} />}
    </Drawer>
  );
}
