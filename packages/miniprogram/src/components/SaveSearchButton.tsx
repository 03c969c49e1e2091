import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, getToken } from '../api/client';
import { savedSearchApi, savedSearchKeys, type SaveSearchBody } from '../api/saved-searches';
import { askForSubscription } from '../lib/notifications';

/**
 * 保存此搜索 (订阅): keeps the search with its filters; new listings it finds reach 消息 (and QQ, when the
 * student accepts the subscription asked for in this same tap).
 */
export function SaveSearchButton({ search }: { search: SaveSearchBody }) {
  const client = useQueryClient();
  const [savedFor, setSavedFor] = useState<string | null>(null);
  const key = JSON.stringify(search);
  const save = useMutation({
    mutationFn: () => savedSearchApi.save(search),
    onSuccess: () => {
      setSavedFor(key);
      void client.invalidateQueries({ queryKey: savedSearchKeys.mine });
      void Taro.showToast({ title: '已订阅，有新发布会通知你', icon: 'none' });
    },
    onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }),
  });
  const saved = savedFor === key;

  const onTap = () => {
    if (saved || save.isPending) return;
    if (!getToken()) {
      void Taro.showToast({ title: '请先在「我的」页登录', icon: 'none' });
      return;
    }
    // QQ asks for consent only inside a tap: ask first, then save whatever the answer.
    void askForSubscription(['saved_search']).finally(() => save.mutate());
  };

  return (
    <Text className={`save-search ${saved ? 'save-search-done' : ''}`} data-testid="save-search" onClick={onTap}>
      {saved ? '已订阅' : save.isPending ? '订阅中…' : '🔔 保存此搜索'}
    </Text>
  );
}
