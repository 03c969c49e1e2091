import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { askForSubscription, consentKindsFor, primeSubscriptionTemplates } from '../../lib/notifications';
import { getToken } from '../../api/client';
import { PublishForm } from '../../components/PublishForm';
import { emptyForm } from '../../components/publish-form-model';
import { useCatalog } from '../../hooks/useCatalog';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import './index.css';

export default function Publish() {
  const { catalog, error, reload } = useCatalog();
  const [loggedIn, setLoggedIn] = useState(() => Boolean(getToken()));
  // Bumped after a successful post so the next post starts from an empty form.
  const [formKey, setFormKey] = useState(0);
  useUnreadBadge();

  useDidShow(() => {
    setLoggedIn(Boolean(getToken()));
    if (getToken()) void primeSubscriptionTemplates();
  });

  if (!loggedIn) {
    return (
      <View className="page">
        <View className="empty">登录后才能发布闲置</View>
        <View className="publish-login">
          <Button className="btn-primary" onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  if (!catalog) {
    return (
      <View className="page">
        <View className="empty" onClick={error ? reload : undefined}>
          {error ? `${error}（点击重试）` : '加载中…'}
        </View>
      </View>
    );
  }

  return (
    <View className="page">
      <PublishForm
        key={formKey}
        catalog={catalog}
        initial={emptyForm()}
        submitLabel="发布"
        onSubmit={async (body) => {
          // Within the tap: a seller waits for comments, replies and the reminder before it expires; a
          // wanted post waits above all for a matching listing (QQ asks for three kinds at most).
          void askForSubscription(consentKindsFor(body.kind));
          const created = await api.createListing(body);
          setFormKey((k) => k + 1);
          void Taro.showToast({ title: '发布成功', icon: 'success' });
          void Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(created.id)}` });
        }}
      />
    </View>
  );
}
