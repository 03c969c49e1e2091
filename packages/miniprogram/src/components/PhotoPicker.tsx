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

/**
 * Choosing photos and uploading them one by one. `uploading` counts those still on their way, so the
 * form can wait for them before it submits.
 */
export function usePhotoUploads(photoCount: number, { onChosen, onUploaded, onFailed }: UploadEvents) {
  const [uploading, setUploading] = useState(0);

  const add = async () => {
    const room = PHOTOS_MAX - photoCount;
    if (room <= 0 || uploading > 0) return;
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
    onChosen();
    setUploading(paths.length);
    for (const path of paths) {
      try {
        const photo = await uploadPhoto(path);
        onUploaded({ id: photo.id, thumbUrl: photo.urls.thumb });
      } catch (e) {
        onFailed(errorMessage(e));
      } finally {
        setUploading((n) => n - 1);
      }
    }
  };

  return { uploading, add };
}

interface Props {
  photos: readonly FormPhoto[];
  uploading: number;
  error?: string;
  onAdd: () => void;
  onRemove: (id: string) => void;
}

/** The listing's photos as thumbnails (the first is the cover), a box to add more, and how many are left to upload. */
export function PhotoPicker({ photos, uploading, error, onAdd, onRemove }: Props) {
  return (
    <>
      <View className="pf-photos" data-testid="photos">
        {photos.map((p, i) => (
          <View key={p.id} className="pf-photo" data-testid="photo">
            <Image className="pf-photo-img" src={p.thumbUrl} mode="aspectFill" />
            {i === 0 && <Text className="pf-photo-cover">封面</Text>}
            <Text className="pf-photo-remove" onClick={() => onRemove(p.id)}>
              ×
            </Text>
          </View>
        ))}
        {photos.length < PHOTOS_MAX && (
          <View className="pf-photos-box" data-testid="add-photo" onClick={onAdd}>
            ＋
          </View>
        )}
        <Text className="muted">
          {uploading > 0 ? `上传中（还剩 ${uploading} 张）…` : `${photos.length}/${PHOTOS_MAX} 张，第一张作封面`}
        </Text>
      </View>
      {error ? <Text className="error-text pf-error">{error}</Text> : null}
    </>
  );
}
