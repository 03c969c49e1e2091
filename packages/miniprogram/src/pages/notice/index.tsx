import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { errorMessage } from '../../api/client';
import { useNotice } from '../../api/queries';
import { formatDate } from '../../lib/labels';
import './index.css';

/** One notice of the campus (首页通知) in full. */
export default function NoticePage() {
  const id = useRouter().params.id ?? '';
  const notice = useNotice(id);
  if (!id) return <View className="page empty">这条通知不存在</View>;
  if (notice.isPending) return <View className="page empty">加载中…</View>;
  if (notice.isError) {
    return (
      <View className="page">
        <View className="empty" onClick={() => void notice.refetch()}>
          {errorMessage(notice.error)}（点击重试）
        </View>
      </View>
    );
  }
  const n = notice.data;
  return (
    <View className="page notice-page">
      <View className="section">
        <View className="notice-page-title" data-testid="notice-title">
          {n.pinned && <Text className="badge notice-page-pin">置顶</Text>}
          {n.title}
        </View>
        <View className="muted">{formatDate(n.startsAt)} 发布</View>
        <Text className="notice-page-body" data-testid="notice-body" userSelect>
          {n.body}
        </Text>
      </View>
    </View>
  );
}
