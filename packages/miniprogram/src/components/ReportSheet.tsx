import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage, getToken } from '../api/client';
import type { ReportReason, ReportTargetType } from '../api/types';
import './ReportSheet.css';

/** The reasons the API accepts (GET /v1/reports/reasons), in its order. */
export const REPORT_REASONS: { value: ReportReason; label: string }[] = [
  { value: 'fake', label: '虚假信息' },
  { value: 'prohibited', label: '违禁物品' },
  { value: 'scam', label: '诈骗' },
  { value: 'harassment', label: '骚扰辱骂' },
  { value: 'spam', label: '广告刷屏' },
  { value: 'other', label: '其他' },
];

const WHAT: Record<ReportTargetType, string> = {
  listing: '这件商品',
  comment: '这条留言',
  user: '这位同学',
  rating: '这条评价',
};

/**
 * 举报: a reason from the list and, optionally (required for 其他), what happened. The API decides who
 * may report (verified students, once per target, never their own); its refusal is shown as it comes.
 */
export function ReportSheet({
  targetType,
  targetId,
  onClose,
}: {
  targetType: ReportTargetType;
  targetId: string;
  onClose: () => void;
}) {
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [details, setDetails] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async () => {
    if (!reason || sending) return;
    if (!getToken()) {
      setError('请先在「我的」页登录并验证学生身份');
      return;
    }
    if (reason === 'other' && !details.trim()) {
      setError('选择“其他”时请写明原因');
      return;
    }
    setSending(true);
    setError(null);
    try {
      await api.report({ targetType, targetId, reason, ...(details.trim() ? { details: details.trim() } : {}) });
      void Taro.showToast({ title: '已收到举报，谢谢', icon: 'none' });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="report-mask" onClick={onClose}>
      <View className="report-sheet" onClick={(e) => e.stopPropagation()}>
        <View className="report-title">举报{WHAT[targetType]}</View>
        <View className="report-reasons">
          {REPORT_REASONS.map((r) => (
            <Text
              key={r.value}
              className={`report-reason ${reason === r.value ? 'report-reason-on' : ''}`}
              onClick={() => setReason(r.value)}
            >
              {r.label}
            </Text>
          ))}
        </View>
        <Input
          className="report-details"
          value={details}
          maxlength={500}
          placeholder={reason === 'other' ? '请写明原因' : '补充说明（选填）'}
          onInput={(e) => setDetails(e.detail.value)}
        />
        {error && <View className="error-text report-error">{error}</View>}
        <View className="report-actions">
          <Button className="btn-plain" size="mini" onClick={onClose}>
            取消
          </Button>
          <Button className="btn-primary" size="mini" disabled={!reason || sending} onClick={() => void submit()}>
            提交举报
          </Button>
        </View>
      </View>
    </View>
  );
}
