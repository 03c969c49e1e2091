import { View } from '@tarojs/components';

/** The line under a cursor-paged list: loading, the end, or a tap to load more (besides pulling up). */
export function PageFooter({
  loading,
  done,
  count,
  loadingText,
  onMore,
}: {
  loading: boolean;
  done: boolean;
  count: number;
  loadingText: string;
  onMore: () => void;
}) {
  if (loading) return <View className="empty">{loadingText}</View>;
  if (count === 0) return null;
  if (done) return <View className="empty">— 没有更多了 —</View>;
  return (
    <View className="empty" onClick={onMore}>
      上拉或点击加载更多
    </View>
  );
}
