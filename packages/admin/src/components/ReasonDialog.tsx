import { useState, type ReactNode } from 'react';
import { Alert, Form, Input, Modal } from 'antd';

interface Props {
  readonly open: boolean;
  readonly title: string;
  /** The field's label, e.g. 下架原因. */
  readonly label: string;
  readonly okText: string;
  readonly danger?: boolean;
  readonly placeholder?: string;
  readonly children?: ReactNode;
  /** Rejects with the API's error, which the dialog shows and stays open for. */
  readonly onSubmit: (reason: string) => Promise<unknown>;
  readonly onClose: () => void;
}

/** Acts that need a reason the person concerned and the audit log will see: remove, restore, ban, release. */
export function ReasonDialog({ open, title, label, okText, danger, placeholder, children, onSubmit, onClose }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const submit = async () => {
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit(reason);
      close();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger }}
      cancelText="取消"
      confirmLoading={submitting}
      onOk={() => void submit()}
      onCancel={close}
      destroyOnHidden
    >
      {children}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="reason-error" />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            { max: 200, message: '最多 200 字' },
          ]}
        >
          <Input.TextArea rows={3} placeholder={placeholder} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
