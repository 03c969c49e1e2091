import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage, getToken } from '../api/client';
import type { CommentThread } from '../api/types';
import { formatDate } from '../lib/labels';
import { ReportSheet } from './ReportSheet';
import './Comments.css';

interface Target {
  commentId: string;
  nickname: string;
}

/** Comments with one level of replies: a reply to a reply still hangs under the top comment. */
export function Comments({ listingId, onCountChange }: { listingId: string; onCountChange?: (n: number) => void }) {
  const [items, setItems] = useState<CommentThread[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<Target | null>(null);
  const [sending, setSending] = useState(false);
  const [reporting, setReporting] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const res = await api.comments(listingId);
      setItems(res.items);
      setError(null);
      onCountChange?.(res.items.reduce((n, c) => n + 1 + c.replies.length, 0));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [listingId, onCountChange]);

  useEffect(() => {
    void load();
  }, [load]);

  const send = async () => {
    const body = text.trim();
    if (!body || sending) return;
    if (!getToken()) {
      void Taro.showToast({ title: '请先在「我的」页登录', icon: 'none' });
      return;
    }
    setSending(true);
    try {
      await api.postComment(listingId, body, replyTo?.commentId);
      setText('');
      setReplyTo(null);
      await load();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setSending(false);
    }
  };

  const remove = async (id: string) => {
    const r = await Taro.showModal({ title: '删除留言', content: '确定删除这条留言吗？' });
    if (!r.confirm) return;
    try {
      await api.deleteComment(id);
      await load();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  return (
    <View className="section comments">
      <View className="section-title">留言 {items.length > 0 ? `(${items.length})` : ''}</View>
      {error && <View className="error-text">{error}</View>}
      {items.length === 0 && !error && <View className="muted comments-empty">还没有留言，问问细节吧</View>}
      {items.map((c) => (
        <View key={c.id} className="comment">
          <View className="comment-head">
            <Text className="comment-author">{c.author.nickname}</Text>
            <Text className="muted">{formatDate(c.createdAt)}</Text>
          </View>
          <View className={`comment-body ${c.body === null ? 'muted' : ''}`}>
            {c.body ?? (c.hidden ? '该留言被举报，等待管理员审核' : '该留言已删除')}
          </View>
          <View className="comment-actions">
            <Text
              className="comment-action"
              onClick={() => setReplyTo({ commentId: c.id, nickname: c.author.nickname })}
            >
              回复
            </Text>
            {c.canDelete && c.body !== null && (
              <Text className="comment-action" onClick={() => void remove(c.id)}>
                删除
              </Text>
            )}
            {!c.canDelete && c.body !== null && (
              <Text className="comment-action" onClick={() => setReporting(c.id)}>
                举报
              </Text>
            )}
          </View>
          {c.replies.length > 0 && (
            <View className="replies">
              {c.replies.map((r) => (
                <View key={r.id} className="reply">
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
                    <Text
                      className="comment-action"
                      onClick={() => setReplyTo({ commentId: r.id, nickname: r.author.nickname })}
                    >
                      回复
                    </Text>
                    {r.canDelete && r.body !== null && (
                      <Text className="comment-action" onClick={() => void remove(r.id)}>
                        删除
                      </Text>
                    )}
                    {!r.canDelete && r.body !== null && (
                      <Text className="comment-action" onClick={() => setReporting(r.id)}>
                        举报
                      </Text>
                    )}
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
            onConfirm={() => void send()}
          />
          <Button
            className="btn-primary composer-send"
            size="mini"
            disabled={sending || !text.trim()}
            onClick={() => void send()}
          >
            发送
          </Button>
        </View>
      </View>
      {reporting && <ReportSheet targetType="comment" targetId={reporting} onClose={() => setReporting(null)} />}
    </View>
  );
}
