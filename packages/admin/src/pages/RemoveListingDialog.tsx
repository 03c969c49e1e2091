import { useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { api } from '../api/client';
import type { ListingSummary } from '../api/types';

interface Props {
  listing: ListingSummary | null;
  onClose: () => void;
  onRemoved: (id: string) => void;
}

/** Removal is a moderation act: it needs a reason the seller and the audit log will see. */
export function RemoveListingDialog({ listing, onClose, onRemoved }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!listing) return;
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await api.removeListing(listing.id, reason);
      onRemoved(listing.id);
      form.resetFields();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSubmitting(false);
    }
  };

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  return (
    <Modal
      open={listing !== null}
      title="下架商品"
      okText="确认下架"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={submitting}
      onOk={() => void submit()}
      onCancel={close}
      forceRender
    >
      {listing && (
        <Typography.Paragraph>
          将下架「<Typography.Text strong>{listing.title}</Typography.Text>」（卖家 {listing.seller.nickname}）。
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="remove-error" />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label="下架原因"
          rules={[
            { required: true, whitespace: true, message: '请填写下架原因' },
            { max: 200, message: '原因最多 200 字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder="例如：违禁物品 / 虚假信息 / 重复发布" maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
