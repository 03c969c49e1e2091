import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { FEEDBACK_PHOTOS_MAX, FEEDBACK_TEXT_MAX, feedbackApi, type Feedback } from '../api/feedback';
import { PhotoPicker, usePhotoUploads } from './PhotoPicker';
import type { FormPhoto } from './publish-form-model';
// The photo tiles are styled with the publish form's.
import './PublishForm.css';

interface Errors {
  text?: string;
  photos?: string;
  form?: string;
}

function errorsOf(e: unknown): Errors {
  if (e instanceof ApiError) {
    const f = e.fieldErrors();
    const named = (e.details as { field?: unknown } | null)?.field;
    if (f.text || named === 'text') return { text: f.text || e.message };
    if (f.photoIds || named === 'photo' || named === 'photoIds') return { photos: f.photoIds || e.message };
  }
  return { form: errorMessage(e) };
}

/** 意见反馈: what happened, in words, and up to three screenshots. */
export function FeedbackForm({ onSent }: { onSent: (f: Feedback) => void }) {
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<FormPhoto[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const uploads = usePhotoUploads(
    photos.length,
    {
      onChosen: () => setErrors(({ photos: _dropped, ...rest }) => rest),
      onUploaded: (p) =>
        setPhotos((prev) =>
          prev.length >= FEEDBACK_PHOTOS_MAX || prev.some((x) => x.id === p.id) ? prev : [...prev, p],
        ),
      onFailed: (message) => setErrors((prev) => ({ ...prev, photos: message })),
    },
    FEEDBACK_PHOTOS_MAX,
  );
  const send = useMutation({
    mutationFn: () =>
      feedbackApi.send({ text: text.trim(), ...(photos.length ? { photoIds: photos.map((p) => p.id) } : {}) }),
    onSuccess: (f) => {
      setText('');
      setPhotos([]);
      void Taro.showToast({ title: '已提交，谢谢你的反馈', icon: 'none' });
      onSent(f);
    },
    onError: (e) => setErrors(errorsOf(e)),
  });

  const submit = () => {
    if (send.isPending || uploads.uploading > 0) return;
    const body = text.trim();
    if (!body) return setErrors({ text: '请写下你遇到的问题或建议' });
    if (body.length > FEEDBACK_TEXT_MAX) return setErrors({ text: `最多 ${FEEDBACK_TEXT_MAX} 个字` });
    setErrors({});
    send.mutate();
  };

  return (
    <View className="section feedback-form" data-testid="feedback-form">
      <View className="section-title">意见反馈</View>
      {errors.form && <View className="banner-error">{errors.form}</View>}
      <Textarea
        className="feedback-text"
        data-testid="feedback-text"
        value={text}
        maxlength={FEEDBACK_TEXT_MAX}
        placeholder="遇到了什么问题，或者希望闲置做得更好的地方…"
        onInput={(e) => {
          setText(e.detail.value);
          if (errors.text) setErrors(({ text: _dropped, ...rest }) => rest);
        }}
      />
      <View className="feedback-count muted">
        {text.trim().length}/{FEEDBACK_TEXT_MAX}
      </View>
      {errors.text && <Text className="error-text">{errors.text}</Text>}
      <PhotoPicker
        photos={photos}
        pending={uploads.pending}
        max={FEEDBACK_PHOTOS_MAX}
        hint={`可附 ${FEEDBACK_PHOTOS_MAX} 张截图（${photos.length}/${FEEDBACK_PHOTOS_MAX}）`}
        error={errors.photos}
        onAdd={() => void uploads.add()}
        onRemove={(id) => setPhotos((prev) => prev.filter((p) => p.id !== id))}
      />
      <Button
        className="btn-primary feedback-submit"
        data-testid="feedback-submit"
        loading={send.isPending}
        disabled={send.isPending || uploads.uploading > 0}
        onClick={submit}
      >
        提交反馈
      </Button>
    </View>
  );
}
