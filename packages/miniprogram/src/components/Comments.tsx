import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage, getToken } from '../api/client';
import { listingKeys } from '../api/listing-queries';
import type { CommentThread, CommentView } from '../api/types';
import { formatDate } from '../lib/labels';
import { askForSubscription } from '../lib/notifications';
import { AddFriend } from './AddFriend';
import { ReportSheet } from './ReportSheet';
import './Comments.css';

interface Target {
  commentId: string;
  nickname: string;
}

/** A commenter's openid, where the API gives it (verified viewers); the contract may not carry it. */
const openIdOf = (c: CommentView | CommentThread) => (c.author as { qqOpenId?: string }).qqOpenId;

interface Props {
  listingId: string;
  /** The signed-in student, so their own comments offer no 加好友. */
  myId?: string | null;
}

/** Comments with one level of replies: a reply to a reply still hangs under the top comment. */
export function Comments({ listingId, myId }: Props) {
  const client = useQueryClient();
  const comments = useQuery({ queryKey: listingKeys.comments(listingId), queryFn: () => api.comments(listingId) });
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<Target | null>(null);
  const [reporting, setReporting] = useState<string | null>(null);

  const refresh = () => client.invalidateQueries({ queryKey: listingKeys.comments(listingId) });
  const post = useMutation({
    mutationFn: (v: { body: string; replyTo?: string }) => api.postComment(listingId, v.body, v.replyTo),
    onSuccess: async () => {
      setText('');
      setReplyTo(null);
      await refresh();
    },
    onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.deleteComment(id),
    onSuccess: refresh,
    onError: (e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }),
  });

  const send = () => {
    const body = text.trim();
    if (!body || post.isPending) return;
    if (!getToken()) {
      void Taro.showToast({ title: '请先在「我的」页登录', icon: 'none' });
      return;
    }
    // Within the tap (QQ asks only then): a comment waits for an answer, so offer the reply reminder.
    void askForSubscription(['reply']);
    post.mutate({ body, ...(replyTo ? { replyTo: replyTo.commentId } : {}) });
  };

  const confirmRemove = async (id: string) => {
    const r = await Taro.showModal({ title: '删除留言', content: '确定删除这条留言吗？' });
    if (r.confirm) remove.mutate(id);
  };

  const items = comments.data?.items ?? [];
  const actions = (c: CommentView | CommentThread) => (
    <>
      <Text
        className="comment-action"
        data-testid="comment-reply"
        onClick={() => setReplyTo({ commentId: c.id, nickname: c.author.nickname })}
      >
        回复
      </Text>
      {c.canDelete && c.body !== null && (
        <Text className="comment-action" onClick={() => void confirmRemove(c.id)}>
          删除
        </Text>
      )}
      {!c.canDelete && c.body !== null && (
        <Text className="comment-action" onClick={() => setReporting(c.id)}>
          举报
        </Text>
      )}
      {c.author.id !== myId && <AddFriend compact openId={openIdOf(c)} nickname={c.author.nickname} />}
    </>
  );

  return (
    <View className="section comments" data-testid="comments">
      <View className="section-title">留言 {items.length > 0 ? `(${items.length})` : ''}</View>
      {comments.isPending && <View className="muted comments-empty">留言加载中…</View>}
      {comments.error && (
        <View className="error-text" onClick={() => void comments.refetch()}>
          {errorMessage(comments.error)}（点击重试）
        </View>
      )}
      {comments.isSuccess && items.length === 0 && <View className="muted comments-empty">还没有留言，问问细节吧</View>}
      {items.map((c) => (
        <View key={c.id} className="comment" data-testid="comment">
          <View className="comment-head">
            <Text className="comment-author">{c.author.nickname}</Text>
            <Text className="muted">{formatDate(c.createdAt)}</Text>
          </View>
          <View className={`comment-body ${c.body === null ? 'muted' : ''}`}>
            {c.body ?? (c.hidden ? '该留言被举报，等待管理员审核' : '该留言已删除')}
          </View>
          <View className="comment-actions">{actions(c)}</View>
          {c.replies.length > 0 && (
            <View className="replies">
              {c.replies.map((r) => (
                <View key={r.id} className="reply" data-testid="reply">
                  <Text className="comment-author">{r.author.nickname}</Text>
                  {r.replyTo && (
                    <>
                      <Text className="muted"> 回复 </Text>
                      <Text className="comment-author">{r.replyTo.user.nickname}</Text>
                    </>
                  )}
                  <Text className={r.body === null ? 'muted' : ''}>
                    ：{r.body ?? (r.hidden ? '该回复被举报，等待管理员审核' : '该回复已删除')}
                  </Text>
                  <View className="comment-actions">
                    <Text className="muted">{formatDate(r.createdAt)}</Text>
                    {actions(r)}
                  </View>
                </View>
              ))}
            </View>
          )}
        </View>
      ))}

      <View className="composer">
        {replyTo && (
          <View className="composer-target">
            <Text className="muted">回复 @{replyTo.nickname}</Text>
            <Text className="comment-action" onClick={() => setReplyTo(null)}>
              取消
            </Text>
          </View>
        )}
        <View className="composer-row">
          <Input
            className="composer-input"
            value={text}
            maxlength={500}
            placeholder={replyTo ? `回复 @${replyTo.nickname}` : '问问卖家细节…'}
            confirmType="send"
            onInput={(e) => setText(e.detail.value)}
            onConfirm={send}
          />
          <Button
            className="btn-primary composer-send"
            size="mini"
            disabled={post.isPending || !text.trim()}
            onClick={send}
          >
            发送
          </Button>
        </View>
      </View>
      {reporting && <ReportSheet targetType="comment" targetId={reporting} onClose={() => setReporting(null)} />}
    </View>
  );
}
