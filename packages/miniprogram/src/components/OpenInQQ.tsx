import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useClientConfig } from '../api/queries';
import { copyLink } from '../lib/share';

/**
 * True in the production H5 build: the web page is for browsing and for links shared outside QQ, and
 * signing in happens only in the QQ mini-program (there is no QQ login on the web).
 */
export function useNeedsQQ(): boolean {
  const config = useClientConfig();
  return process.env.TARO_ENV === 'h5' && config.data?.mode === 'production';
}

/** The prompt shown instead of anything that needs a QQ login, on the production web page. */
export function OpenInQQ({ action = '继续' }: { action?: string }) {
  return (
    <View className="section open-in-qq" data-testid="open-in-qq">
      <View className="section-title">请在 QQ 中打开「闲置」小程序{action ? `${action}` : ''}</View>
      <View className="muted">网页版只能浏览商品、搜索和查看主页。登录、发布、收藏、留言和消息都在 QQ 小程序里。</View>
      <View className="muted">在 QQ 里搜索小程序「闲置」，或把这个页面的链接发到 QQ 里打开。</View>
      <Text className="chip open-in-qq-copy" onClick={() => void copyLink()}>
        复制本页链接
      </Text>
    </View>
  );
}

/**
 * Its children where a QQ login is possible (the mini-program, a demo H5), the prompt elsewhere. The
 * web page waits for the server's mode first, so nothing signed-in is asked for on a production page.
 */
export function QQOnly({ action, children }: { action?: string; children: ReactNode }) {
  const config = useClientConfig();
  const needsQQ = useNeedsQQ();
  if (process.env.TARO_ENV === 'h5' && config.isPending) return <View className="empty">加载中…</View>;
  return needsQQ ? <OpenInQQ action={action} /> : <>{children}</>;
}
