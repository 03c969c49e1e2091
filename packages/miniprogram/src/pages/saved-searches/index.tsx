import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import { useSignedIn } from '../../api/queries';
import { SAVED_SEARCH_MAX, savedSearchApi, savedSearchKeys, type SavedSearch } from '../../api/saved-searches';
import { useCatalog } from '../../hooks/useCatalog';
import { formatDate } from '../../lib/labels';
import { filterChips } from '../../lib/savedSearches';
import './index.css';

/** 我的订阅: the searches I keep; a new listing one of them finds is told in 消息. */
export default function SavedSearchesPage() {
  const client = useQueryClient();
  const signedIn = useSignedIn();
  const { catalog } = useCatalog();
  const list = useQuery({ queryKey: savedSearchKeys.mine, queryFn: savedSearchApi.mine, enabled: signedIn });
  const remove = useMutation({
    mutationFn: (id: string) => savedSearchApi.remove(id),
    onSuccess: (_, id) => {
      client.setQueryData(savedSearchKeys.mine, (data: { items: SavedSearch[] } | undefined) =>
        data ? { items: data.items.filter((s) => s.id !== id) } : data,
      );
      void client.invalidateQueries({ queryKey: savedSearchKeys.mine });
    },
    onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }),
  });

  useDidShow(() => {
    if (signedIn) void client.invalidateQueries({ queryKey: savedSearchKeys.mine });
  });
  usePullDownRefresh(() => void list.refetch().finally(() => Taro.stopPullDownRefresh()));

  if (!signedIn) {
    return (
      <View className="page">
        <View className="empty">登录后才能订阅搜索</View>
        <View className="saved-login">
          <Button className="btn-primary" onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  const confirmRemove = async (s: SavedSearch) => {
    const answer = await Taro.showModal({ title: '删除订阅', content: `不再提醒「${s.q}」的新发布？` });
    if (answer.confirm) remove.mutate(s.id);
  };
  const open = (s: SavedSearch) => void Taro.navigateTo({ url: `/pages/search/index?q=${encodeURIComponent(s.q)}` });

  const items = list.data?.items ?? [];
  return (
    <View className="page saved-searches">
      <View className="saved-hint muted">
        有新发布符合订阅时，会在「消息」里提醒你（每天最多几条，同一件不会重复提醒）。最多 {SAVED_SEARCH_MAX} 个。
      </View>
      {list.isPending && <View className="empty">加载中…</View>}
      {list.error && (
        <View className="empty" onClick={() => void list.refetch()}>
          {errorMessage(list.error)}（点击重试）
        </View>
      )}
      {list.isSuccess && items.length === 0 && (
        <View className="empty" data-testid="saved-empty">
          还没有订阅。在搜索结果页点「保存此搜索」，有新发布会通知你
        </View>
      )}
      {items.map((s) => (
        <View key={s.id} className="section saved-item" data-testid="saved-search">
          <View className="saved-main" onClick={() => open(s)}>
            <Text className="saved-query">{s.q}</Text>
            <View className="chips">
              {filterChips(s, catalog).map((c) => (
                <Text key={c} className="chip">
                  {c}
                </Text>
              ))}
            </View>
            <Text className="muted">订阅于 {formatDate(s.createdAt)}</Text>
          </View>
          <Text className="saved-remove" data-testid="saved-remove" onClick={() => void confirmRemove(s)}>
            删除
          </Text>
        </View>
      ))}
    </View>
  );
}
