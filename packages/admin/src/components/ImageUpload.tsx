import { useState } from 'react';
import { Button, Image, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../api/endpoints';

export interface PhotoValue {
  readonly photoId: string;
  readonly url: string;
}

interface Props {
  /** Given by Form.Item. */
  readonly value?: PhotoValue | null;
  readonly onChange?: (value: PhotoValue | null) => void;
}

/**
 * One image through the photo pipeline (`POST /v1/photos`, multipart, as the mini-program uploads): the server
 * decides the type from the bytes, strips metadata and screens it; its answer's medium variant is previewed.
 */
export function ImageUpload({ value, onChange }: Props) {
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Space orientation="vertical">
      {value && <Image src={value.url} width={240} alt="已上传的图片" data-testid="uploaded-image" />}
      <Upload
        accept="image/jpeg,image/png,image/webp"
        showUploadList={false}
        customRequest={({ file, onSuccess, onError }) => {
          setUploading(true);
          setError(null);
          api.uploadPhoto(file as File).then(
            (photo) => {
              onChange?.({ photoId: photo.id, url: photo.urls.medium });
              onSuccess?.(photo);
              setUploading(false);
            },
            (e: Error) => {
              setError(e.message);
              onError?.(e);
              setUploading(false);
            },
          );
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading}>
          {value ? '更换图片' : '上传图片'}
        </Button>
      </Upload>
      <Typography.Text type="secondary">JPEG、PNG 或 WebP，建议横图 750×300</Typography.Text>
      {error && (
        <Typography.Text type="danger" data-testid="upload-error">
          上传失败：{error}
        </Typography.Text>
      )}
    </Space>
  );
}
