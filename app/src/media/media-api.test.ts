// The Images screen's calls against the real server: an editor lists images and corrects an alt
// text through the app's client (CSRF header, PATCH), and a refusal names the field in the user's
// language; an outreach worker is refused. (The upload itself goes by XMLHttpRequest, which Node
// lacks: the server's side of it is tested in src/media/routes.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadImage } from "../../../src/media/service.js";
import { photoWithGps } from "../../../src/test-support/images.js";
import { type ApiError, createApi } from "../sync/api.js";
import {
  cookieFetch,
  password,
  type RealServer,
  startRealServer,
} from "../test-support/real-server.js";
import { createMediaClient, type MediaClient } from "./media-api.js";

let server: RealServer;
let imageId: string;

beforeAll(async () => {
  server = await startRealServer();
  const { image } = await uploadImage(
    server.database.db,
    {
      bytes: await photoWithGps({ width: 800, height: 600 }),
      alt: { vi: "Buổi sinh hoạt nhóm", en: "A group meeting" },
    },
    null,
    () => new Date(),
  );
  imageId = image.id;
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** A phone signed in with a new account of this role: the media client over its cookie jar. */
async function clientAs(role: "editor" | "outreach_worker", locale: "vi" | "en" = "vi") {
  const user = await server.addUser(role);
  const fetch = cookieFetch();
  let csrf: string | undefined;
  const api = createApi({
    baseUrl: server.url,
    fetch,
    csrfToken: () => csrf,
    locale: () => locale,
  });
  csrf = (await api.login(user.username, password)).csrf_token;
  return createMediaClient({
    baseUrl: server.url,
    fetch,
    csrfToken: () => csrf,
    locale: () => locale,
  });
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: ApiError) => error,
  );
}

describe("the media client", () => {
  let editor: MediaClient;
  beforeAll(async () => {
    editor = await clientAs("editor");
  });

  it("lists the images with their alt texts and preview", async () => {
    const page = await editor.list(1);
    expect(page.total).toBe(1);
    expect(page.images[0]).toMatchObject({
      id: imageId,
      alt: { vi: "Buổi sinh hoạt nhóm", en: "A group meeting" },
      width: 800,
      height: 600,
    });
    expect(page.images[0]!.url).toMatch(/^\/media\/.+\/800\.[0-9a-f]{16}\.jpg$/);
  });

  it("corrects one alt text and keeps the other", async () => {
    const image = await editor.update(imageId, { en: "Peer educators meet" });
    expect(image.alt).toEqual({ vi: "Buổi sinh hoạt nhóm", en: "Peer educators meet" });
  });

  it("is refused an empty alt text, the field named, in Vietnamese", async () => {
    const error = await refusal(editor.update(imageId, { vi: "" }));
    expect(error).toMatchObject({ status: 400, parameter: "alt_vi" });
    expect(error.message).toContain("bằng tiếng Việt");
  });

  it("is refused to an outreach worker", async () => {
    const worker = await clientAs("outreach_worker", "en");
    const error = await refusal(worker.list(1));
    expect(error).toMatchObject({ status: 403, code: "forbidden" });
  });
});
