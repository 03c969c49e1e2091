import { Button, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/endpoints';
import { errorMessage, getToken } from '../../api/client';
import type { NotificationKind, NotificationSettings } from '../../api/types';
import { KIND_LABEL, MUTABLE_KINDS } from '../../lib/notifications';
import './index.css';

const settingsKey = ['me', 'notification-settings'] as const;

/**
 * 通知设置: which kinds may reach me as QQ messages. Muted kinds still land in 消息; a QQ message also
 * needs my consent, given one at a time when I publish, comment or favorite (the count shows how many are left).
 */
export default function Settings() {
  const client = useQueryClient();
  const signedIn = Boolean(getToken());
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => api.notificationSettings(), enabled: signedIn });
  const save = useMutation({
    mutationFn: (muted: NotificationKind[]) => api.setMuted(muted),
    onSuccess: (next) => client.setQueryData<NotificationSettings>(settingsKey, next),
    onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }),
  });

  if (!signedIn) {
    return (
      <View className="page">
        <View className="empty">登录后才能设置提醒</View>
        <View className="settings-login">
          <Button className="btn-primary" onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
            去登录
          </Button>
        </View>
      </View>
    );
  }
  if (settings.isPending) return <View className="page empty">加载中…</View>;
  if (settings.error)
    return (
      <View className="page empty" onClick={() => void settings.refetch()}>
        {errorMessage(settings.error)}（点击重试）
      </View>
    );

  const s = settings.data;
  const toggle = (kind: NotificationKind, on: boolean) =>
    save.mutate(on ? s.muted.filter((k) => k !== kind) : [...s.muted, kind]);

  return (
    <View className="page">
      <View className="section" data-testid="settings">
        <View className="section-title">QQ 消息提醒</View>
        <View className="muted settings-note">
          关闭后仍会出现在「消息」里，只是不再推送 QQ 消息。每次发布、留言或收藏时，QQ 会询问你是否接收下一条提醒。
        </View>
        {MUTABLE_KINDS.map((k) => (
          <View key={k} className="settings-row">
            <View>
              <Text>{KIND_LABEL[k]}</Text>
              <Text className="settings-count">可推送 {s.consents[k] ?? 0} 次</Text>
            </View>
            <Switch
              data-testid={`mute-${k}`}
              checked={!s.muted.includes(k)}
              disabled={save.isPending}
              onChange={(e) => toggle(k, e.detail.value)}
            />
          </View>
        ))}
      </View>
    </View>
  );
}
