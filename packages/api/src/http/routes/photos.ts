import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  PhotoTooLarge,
  ValidationFailed,
  type Photo,
  type PhotoRepository,
  type PhotoStorage,
  type UploadPhoto,
} from '@xianzhi/core';
import { Type } from 'typebox';
import { Failure, MultipartMalformed, orFail } from '../errors.js';
import { photoUrls } from '../presenters.js';
import { responses } from '../schemas/common.js';

export interface PhotoRouteDeps {
  readonly upload: UploadPhoto;
  readonly maxBytes: number;
}

const PhotoUrls = Type.Object({ thumb: Type.String(), medium: Type.String(), large: Type.String() });
const UploadedPhoto = Type.Object({
  id: Type.String(),
  urls: PhotoUrls,
  width: Type.Integer(),
  height: Type.Integer(),
});

export function uploadedPhoto(p: Photo) {
  return { id: p.id, urls: photoUrls(p.id), width: p.width, height: p.height };
}

/** `POST /v1/photos`: one multipart file field; the bytes decide the type, never the name. */
export function photoRoutes(deps: PhotoRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Registered here, so multipart bodies are accepted on this route only.
    await app.register(multipart, { limits: { fileSize: deps.maxBytes, files: 1, fields: 5, parts: 6 } });
    app.post(
      '/photos',
      {
        schema: {
          tags: ['photos'],
          security: [{ bearerAuth: [] }],
          summary: `Upload a photo (multipart, one file field; JPEG, PNG or WebP up to the configured size). Returns variant URLs; pass the id in a listing's photos`,
          consumes: ['multipart/form-data'],
          response: responses({ 201: UploadedPhoto }),
        },
      },
      async (request, reply) => {
        let bytes: Buffer;
        try {
          const file = request.isMultipart() ? await request.file() : undefined;
          if (!file)
            throw new Failure(
              new ValidationFailed([
                { field: 'file', message: '请选择要上传的照片（multipart/form-data 的一个文件字段）' },
              ]),
            );
          bytes = await file.toBuffer();
        } catch (e) {
          if (e instanceof Failure) throw e;
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw new Failure(new PhotoTooLarge(deps.maxBytes));
          // The plugin's own refusals (limits, not multipart) carry a 4xx; busboy's parse errors carry none.
          const status = (e as { statusCode?: number }).statusCode;
          if (status !== undefined && status >= 400 && status < 500) throw e;
          throw new Failure(new MultipartMalformed());
        }
        const photo = orFail(
          await deps.upload.execute({
            actor: request.actor,
            bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          }),
        );
        reply.code(201);
        return uploadedPhoto(photo);
      },
    );
  };
}

export interface MediaRouteDeps {
  readonly photos: PhotoRepository;
  readonly storage: PhotoStorage;
  /** The public address of a stored key when the storage has one (a public bucket); null streams the bytes. */
  readonly publicUrlOf?: (key: string) => string | null;
}

/**
 * `GET /media/photos/:id/:variant`: stored variants, cacheable for a year (a photo's bytes never change).
 * Local disk and a private bucket are streamed through the API; a bucket with a public URL (its domain or
 * a CDN, XZ_S3_PUBLIC_URL) is redirected to, so photo bytes stop flowing through the API processes.
 */
export function mediaRoutes(deps: MediaRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/media/photos/:id/:variant',
      {
        schema: {
          tags: ['photos'],
          summary: 'A photo variant (WebP, no metadata), served from the configured storage',
          params: Type.Object({
            id: Type.String({ minLength: 1, maxLength: 26 }),
            variant: Type.Union([Type.Literal('thumb'), Type.Literal('medium'), Type.Literal('large')]),
          }),
        },
      },
      async (request, reply) => {
        const photo = await deps.photos.byId(request.params.id);
        const publicUrl = photo && deps.publicUrlOf ? deps.publicUrlOf(photo.variants[request.params.variant]) : null;
        if (publicUrl) {
          // Temporary, so a later move of the bucket or CDN takes effect; the object itself is cached for a year.
          reply.header('cache-control', 'public, max-age=86400');
          return reply.redirect(publicUrl, 302);
        }
        const stored = photo ? await deps.storage.get(photo.variants[request.params.variant]) : null;
        if (!stored) throw new Failure({ code: 'PHOTO_NOT_FOUND', message: '照片不存在' });
        reply.header('content-type', stored.contentType);
        reply.header('cache-control', 'public, max-age=31536000, immutable');
        reply.header('x-content-type-options', 'nosniff');
        return reply.send(Buffer.from(stored.bytes.buffer, stored.bytes.byteOffset, stored.bytes.byteLength));
      },
    );
  };
}
