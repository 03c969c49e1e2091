import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { uploadPhoto } from '../api/photos';
import { profileApi, type UpdateProfileBody } from '../api/profile';
import type { Me } from '../api/types';
import './ProfileEditor.css';

/** The core's limit (identity/user.ts); the API has the last word. */
export const NICKNAME_MAX = 20;

/** A refusal of PATCH /v1/me as a message per field (`nickname`, `avatarUrl`), else for the whole form. */
function messagesOf(e: unknown): { nickname?: string; avatar?: string; form?: string } {
  if (e instanceof ApiError) {
    const fields = e.fieldErrors();
    const named = (e.details as { field?: unknown } | null)?.field; // CONTENT_RISKY names its field
    if (fields.nickname || named === 'nickname') return { nickname: fields.nickname || e.message };
    if (fields.avatarUrl || named === 'avatarUrl' || named === 'photo')
      return { avatar: fields.avatarUrl || e.message };
  }
  return { form: errorMessage(e) };
}

interface Props {
  me: Me;
  onSaved: (me: Me) => void;
  onClose: () => void;
}

/**
 * 编辑资料: a new avatar goes through the photo pipeline (POST /v1/photos, with its safety check)
 * and is then set with PATCH /v1/me; the nickname is checked here for length and by the API for content.
 */
export function ProfileEditor({ me, onSaved, onClose }: Props) {
  const [nickname, setNickname] = useState(me.nickname);
  const [avatar, setAvatar] = useState<{ id: string; url: string } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<{ nickname?: string; avatar?: string; form?: string }>({});

  const save = useMutation({
    mutationFn: (body: UpdateProfileBody) => profileApi.updateMe(body),
    onSuccess: (saved) => {
      void Taro.showToast({ title: '资料已更新', icon: 'none' });
      onSaved(saved);
    },
    onError: (e) => setErrors(messagesOf(e)),
  });

  const chooseAvatar = async () => {
    let path: string | undefined;
    try {
      const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      path = chosen.tempFilePaths[0];
    } catch {
      return; // cancelled
    }
    if (!path) return;
    setErrors(({ avatar: _dropped, ...rest }) => rest);
    setProgress(0);
    try {
      const photo = await uploadPhoto(path, setProgress);
      setAvatar({ id: photo.id, url: photo.urls.thumb });
    } catch (e) {
      setErrors((prev) => ({ ...prev, avatar: errorMessage(e) }));
    } finally {
      setProgress(null);
    }
  };

  const submit = () => {
    if (save.isPending || progress !== null) return;
    const name = nickname.replace(/\s+/g, ' ').trim();
    if (!name || name.length > NICKNAME_MAX) {
      setErrors({ nickname: `昵称须为 1 到 ${NICKNAME_MAX} 个字` });
      return;
    }
    const body: UpdateProfileBody = {};
    if (name !== me.nickname) body.nickname = name;
    if (avatar) body.avatarUrl = avatar.id;
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    setErrors({});
    save.mutate(body);
  };

  const shown = avatar?.url ?? me.avatarUrl;
  return (
    <View className="section profile-editor" data-testid="profile-editor">
      <View className="section-title">编辑资料</View>
      {errors.form && <View className="banner-error">{errors.form}</View>}
      <View className="pe-row">
        <View className="pe-avatar-box" data-testid="choose-avatar" onClick={() => void chooseAvatar()}>
          {shown ? (
            <Image className="pe-avatar" src={shown} mode="aspectFill" />
          ) : (
            <View className="pe-avatar pe-avatar-placeholder">{me.nickname.slice(0, 1)}</View>
          )}
          <Text className="pe-avatar-hint">{progress !== null ? `${Math.round(progress)}%` : '换头像'}</Text>
        </View>
        <View className="pe-fields">
          <Text className="muted">昵称</Text>
          <Input
            className="pe-input"
            data-testid="nickname-input"
            value={nickname}
            maxlength={NICKNAME_MAX + 10}
            placeholder={`1 到 ${NICKNAME_MAX} 个字`}
            onInput={(e) => {
              setNickname(e.detail.value);
              if (errors.nickname) setErrors(({ nickname: _dropped, ...rest }) => rest);
            }}
          />
          {errors.nickname && <Text className="error-text">{errors.nickname}</Text>}
        </View>
      </View>
      {errors.avatar && <Text className="error-text pe-avatar-error">{errors.avatar}</Text>}
      <View className="muted pe-note">头像会经过安全检查；请勿使用他人照片或违规图片。</View>
      <View className="pe-actions">
        <Button className="btn-plain" size="mini" onClick={onClose}>
          取消
        </Button>
        <Button
          className="btn-primary"
          size="mini"
          data-testid="save-profile"
          loading={save.isPending}
          disabled={save.isPending || progress !== null}
          onClick={submit}
        >
          保存
        </Button>
      </View>
    </View>
  );
}
