import { DomainError } from '../shared/errors.js';

export class PhotoTooLarge extends DomainError<'PHOTO_TOO_LARGE'> {
  readonly code = 'PHOTO_TOO_LARGE' as const;
  constructor(readonly maxBytes: number) {
    super(`照片不能超过 ${formatBytes(maxBytes)}`, { maxBytes });
  }
}

export class PhotoTooManyPixels extends DomainError<'PHOTO_TOO_MANY_PIXELS'> {
  readonly code = 'PHOTO_TOO_MANY_PIXELS' as const;
  constructor(
    readonly maxPixels: number,
    width: number,
    height: number,
  ) {
    super(`照片分辨率过大（${width}×${height}），最多 ${Math.round(maxPixels / 1_000_000)} 百万像素`, {
      maxPixels,
      width,
      height,
    });
  }
}

export class PhotoTypeUnsupported extends DomainError<'PHOTO_TYPE_UNSUPPORTED'> {
  readonly code = 'PHOTO_TYPE_UNSUPPORTED' as const;
  constructor(readonly detected: string | null) {
    super(
      detected === 'heic'
        ? '暂不支持 HEIC 照片：请在相机设置中选择“兼容性最佳”，或转换为 JPEG 后上传'
        : '只能上传 JPEG、PNG 或 WebP 图片',
      { detected, accepted: ['image/jpeg', 'image/png', 'image/webp'] },
    );
  }
}

/** Bytes that start like a JPEG, PNG or WebP but cannot be decoded (cut short, corrupt). */
export class PhotoUnreadable extends DomainError<'PHOTO_UNREADABLE'> {
  readonly code = 'PHOTO_UNREADABLE' as const;
  constructor() {
    super('照片已损坏或不完整，无法读取：请重新选择后上传');
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}
