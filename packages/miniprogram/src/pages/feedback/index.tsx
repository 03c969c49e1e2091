import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, getToken } from '../../api/client';
import { feedbackApi, feedbackKeys, type Feedback } from '../../api/feedback';
import { FeedbackForm } from '../../components/FeedbackForm';
import { formatDate } from '../../lib/labels';
import './index.css';

const STATE_LABEL: Record<Feedback['state'], string> = { open: '待回复', answered: '已回复', closed: '已关闭' };

/** 意见反馈: write to the admins, and read what I wrote before with their replies (which also reach 消息). */
export default function FeedbackPage() {
  const client = useQueryClient();
  const [signedIn, setSignedIn] = useState(() => Boolean(getToken()));
  const list = useInfiniteQuery({
    queryKey: feedbackKeys.mine,
    queryFn: ({ pageParam }) => feedbackApi.mine(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: signedIn,
  });

  useDidShow(() => {
    setSignedIn(Boolean(getToken()));
    if (getToken()) void client.invalidateQueries({ queryKey: feedbackKeys.mine });
  });
  usePullDownRefresh(() => void list.refetch().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => {
    if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  });

  if (!signedIn) {
    return (
      <View className="page">
        <View className="empty">登录后才能提交反馈</View>
        <View className="feedback-login">
          <Button className="btn-primary" onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <View className="page feedback">
      <FeedbackForm onSent={() => void client.invalidateQueries({ queryKey: feedbackKeys.mine })} />

      <View className="section-title feedback-history-title">我的反馈</View>
      {list.isPending && <View className="empty">加载中…</View>}
      {list.error && (
        <View className="empty" onClick={() => void list.refetch()}>
          {errorMessage(list.error)}（点击重试）
        </View>
      )}
      {list.isSuccess && items.length === 0 && <View className="empty">还没有提交过反馈</View>}
      {items.map((f) => (
        <View key={f.id} className="section feedback-item" data-testid="feedback-item">
          <View className="feedback-head">
            <Text className="muted">{formatDate(f.createdAt)}</Text>
            <Text className={`badge feedback-state-${f.state}`}>{STATE_LABEL[f.state]}</Text>
          </View>
          <Text className="feedback-body" userSelect>
            {f.text}
          </Text>
          {f.photos.length > 0 && (
            <View className="feedback-photos">
              {f.photos.map((p) => (
                <Image
                  key={p.id}
                  className="feedback-photo"
                  src={p.url}
                  mode="aspectFill"
                  onClick={() => void Taro.previewImage({ current: p.url, urls: f.photos.map((x) => x.url) })}
                />
              ))}
            </View>
          )}
          {f.replies.map((r) => (
            <View key={r.id} className="feedback-reply" data-testid="feedback-reply">
              <Text className="feedback-reply-who">管理员回复</Text>
              <Text className="muted"> · {formatDate(r.at)}</Text>
              <View className="feedback-reply-text">{r.text}</View>
            </View>
          ))}
        </View>
      ))}
      {list.hasNextPage && (
        <View className="empty" onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? '加载中…' : '加载更多'}
        </View>
      )}
    </View>
  );
}
