import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { PHOTOS_MAX, uploadPhoto } from '../api/photos';
import type { FormPhoto } from './publish-form-model';

interface UploadEvents {
  /** The person chose photos: an earlier upload error no longer applies. */
  onChosen: () => void;
  /** Each photo as its upload finishes, in the order chosen. */
  onUploaded: (photo: FormPhoto) => void;
  onFailed: (message: string) => void;
}

/** A chosen photo on its way to the server: its local preview and how much of it has been sent. */
export interface PendingPhoto {
  path: string;
  percent: number;
}

/**
 * Choosing photos and uploading them one by one. `pending` lists those still on their way (with
 * their progress), so the form can show them and wait for them before it submits.
 */
export function usePhotoUploads(
  photoCount: number,
  { onChosen, onUploaded, onFailed }: UploadEvents,
  max: number = PHOTOS_MAX,
) {
  const [pending, setPending] = useState<PendingPhoto[]>([]);

  const add = async () => {
    const room = max - photoCount;
    if (room <= 0 || pending.length > 0) return;
    let paths: string[];
    try {
      const chosen = await Taro.chooseImage({
        count: room,
        sizeType: ['original', 'compressed'],
        sourceType: ['album', 'camera'],
      });
      paths = chosen.tempFilePaths.slice(0, room);
    } catch {
      return; // cancelled
    }
    if (paths.length === 0) return;
    onChosen();
    setPending(paths.map((path) => ({ path, percent: 0 })));
    for (const path of paths) {
      try {
        const photo = await uploadPhoto(path, (percent) =>
          setPending((prev) => prev.map((p) => (p.path === path ? { ...p, percent } : p))),
        );
        onUploaded({ id: photo.id, thumbUrl: photo.urls.thumb });
      } catch (e) {
        onFailed(errorMessage(e));
      } finally {
        setPending((prev) => prev.filter((p) => p.path !== path));
      }
    }
  };

  return { uploading: pending.length, pending, add };
}

/** The photo list with `from` moved one place towards `by` (-1 earlier, +1 later). */
export function movePhoto<T>(photos: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= photos.length || to < 0 || to >= photos.length) return [...photos];
  const next = [...photos];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

interface Props {
  photos: readonly FormPhoto[];
  pending?: readonly PendingPhoto[];
  error?: string;
  onAdd: () => void;
  onRemove: (id: string) => void;
  /** Moves the photo at `index` one place earlier (-1) or later (+1); the first is the cover. */
  onMove?: (index: number, by: -1 | 1) => void;
  /** At most this many photos (a listing's nine by default). */
  max?: number;
  /** The line under the photos when nothing is uploading. */
  hint?: string;
}

/**
 * The listing's photos as thumbnails (the first is the cover) with ‹ › to reorder and × to remove,
 * the uploads still running with their percentage, and a box to add more.
 */
export function PhotoPicker({ photos, pending = [], error, onAdd, onRemove, onMove, max = PHOTOS_MAX, hint }: Props) {
  const full = photos.length + pending.length >= max;
  return (
    <>
      <View className="pf-photos" data-testid="photos">
        {photos.map((p, i) => (
          <View key={p.id} className="pf-photo" data-testid="photo" data-photo-id={p.id}>
            <Image className="pf-photo-img" src={p.thumbUrl} mode="aspectFill" />
            {i === 0 && <Text className="pf-photo-cover">封面</Text>}
            <Text className="pf-photo-remove" data-testid="photo-remove" onClick={() => onRemove(p.id)}>
              ×
            </Text>
            {onMove && photos.length > 1 && (
              <View className="pf-photo-move">
                {i > 0 && (
                  <Text className="pf-photo-arrow" data-testid="photo-earlier" onClick={() => onMove(i, -1)}>
                    ‹
                  </Text>
                )}
                {i < photos.length - 1 && (
                  <Text
                    className="pf-photo-arrow pf-photo-later"
                    data-testid="photo-later"
                    onClick={() => onMove(i, 1)}
                  >
                    ›
                  </Text>
                )}
              </View>
            )}
          </View>
        ))}
        {pending.map((p) => (
          <View key={p.path} className="pf-photo pf-photo-pending" data-testid="photo-pending">
            <Image className="pf-photo-img" src={p.path} mode="aspectFill" />
            <Text className="pf-photo-progress">{Math.round(p.percent)}%</Text>
          </View>
        ))}
        {!full && (
          <View className="pf-photos-box" data-testid="add-photo" onClick={onAdd}>
            ＋
          </View>
        )}
        <Text className="muted">
          {pending.length > 0
            ? `上传中（还剩 ${pending.length} 张）…`
            : (hint ?? `${photos.length}/${max} 张，第一张作封面，‹ › 调整顺序`)}
        </Text>
      </View>
      {error ? <Text className="error-text pf-error">{error}</Text> : null}
    </>
  );
}
