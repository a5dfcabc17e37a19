// The public website's images on the server (/api/media), for editors and administrators: online
// only, never through the outbox — an image is not field work. An upload goes by XMLHttpRequest,
// the one browser API that reports how much of a file has been sent; the rest by fetch. Refusals
// come as ApiError with the server's message in the user's language.
import type { TImageView } from "../../../src/media/routes.js";
import { type ApiOptions, NetworkError, refusal, requestJson } from "../sync/api.js";

export type ImageView = TImageView;

/** The server's limit (src/limits/limits.ts), checked here too so a large file is not sent at all. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** Where the server is and how to reach it: the same as the app's api. */
export type MediaClientOptions = ApiOptions;

export interface ImagePage {
  images: ImageView[];
  total: number;
}

export interface MediaClient {
  /** A page (from 1) of images, newest first, 24 a page. */
  list(page: number): Promise<ImagePage>;
  /** One image, e.g. the cover image an item names. */
  get(id: string): Promise<ImageView>;
  update(id: string, alt: { vi?: string; en?: string }): Promise<ImageView>;
  /**
   * Sends one image with its alt texts; `onProgress` hears the fraction sent (0 to 1). The answer
   * is the stored image — the one already stored when the same file was uploaded before.
   */
  upload(
    file: Blob,
    alt: { vi: string; en: string },
    onProgress?: (fraction: number) => void,
  ): Promise<ImageView>;
}

export function createMediaClient(options: MediaClientOptions): MediaClient {
  const call = <T>(method: "GET" | "PATCH", path: string, body?: unknown): Promise<T> =>
    requestJson<T>(options, method, path, body);

  return {
    list: (page) => call("GET", `/api/media?page=${page}`),
    get: async (id) =>
      (await call<{ image: ImageView }>("GET", `/api/media/${encodeURIComponent(id)}`)).image,
    update: async (id, alt) =>
      (
        await call<{ image: ImageView }>("PATCH", `/api/media/${encodeURIComponent(id)}`, {
          ...(alt.vi === undefined ? {} : { alt_vi: alt.vi }),
          ...(alt.en === undefined ? {} : { alt_en: alt.en }),
        })
      ).image,
    upload: async (file, alt, onProgress) => {
      const form = new FormData();
      // Text first: the server reads the form in order and can refuse a missing alt text early.
      form.append("alt_vi", alt.vi);
      form.append("alt_en", alt.en);
      form.append("file", file);
      const csrf = await options.csrfToken();
      return new Promise<ImageView>((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open("POST", `${options.baseUrl}/api/media`);
        request.setRequestHeader("accept", "application/json");
        request.setRequestHeader("accept-language", options.locale());
        if (csrf) request.setRequestHeader("x-csrf-token", csrf);
        request.upload.onprogress = (event) => {
          if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
        };
        request.onload = () => {
          if (request.status >= 200 && request.status < 300) {
            resolve((JSON.parse(request.responseText) as { image: ImageView }).image);
          } else {
            reject(refusal(request.status, request.responseText));
          }
        };
        request.onerror = () => reject(new NetworkError("the upload did not reach the server"));
        request.send(form);
      });
    },
  };
}
