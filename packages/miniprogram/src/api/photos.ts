import Taro from '@tarojs/taro';
import { API_BASE, ApiError, getToken } from './client';

export interface UploadedPhoto {
  id: string;
  urls: { thumb: string; medium: string; large: string };
  width: number;
  height: number;
}

/** At most this many photos per listing (the API's limit). */
export const PHOTOS_MAX = 9;

/**
 * Uploads one chosen image (a temp file path from Taro.chooseImage) to `POST /v1/photos`.
 * `onProgress` hears the percentage sent, where the platform reports it (QQ and H5 both do).
 */
export async function uploadPhoto(filePath: string, onProgress?: (percent: number) => void): Promise<UploadedPhoto> {
  const token = getToken();
  let res: { statusCode: number; data: unknown };
  try {
    const task = Taro.uploadFile({
      url: `${API_BASE}/v1/photos`,
      filePath,
      name: 'file',
      header: token ? { Authorization: `Bearer ${token}` } : {},
    });
    // The task is a promise with the UploadTask methods on it; a stand-in may lack them.
    const progress = (task as Partial<Taro.UploadTask>).onProgressUpdate;
    if (onProgress && typeof progress === 'function') progress.call(task, (p) => onProgress(p.progress));
    res = await task;
  } catch (e) {
    const msg = (e as { errMsg?: string })?.errMsg ?? (e as Error)?.message ?? 'network error';
    throw new ApiError(0, 'NETWORK_ERROR', `照片上传失败，请稍后重试（${msg}）`);
  }
  // uploadFile hands back the body as text.
  let body: unknown = res.data;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = null;
    }
  }
  if (res.statusCode === 201 || res.statusCode === 200) return body as UploadedPhoto;
  const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  throw new ApiError(
    res.statusCode,
    err?.code ?? 'UPLOAD_FAILED',
    err?.message ?? `照片上传失败（${res.statusCode}）`,
    err?.details,
  );
}
