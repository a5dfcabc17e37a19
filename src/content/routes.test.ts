// The content API as the editor UI uses it: create, save (and conflict), publish, schedule,
// revisions with their diff, restore, preview; who may call it; bounds and refusals in the
// caller's language.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { loadReferencePlaces } from "../places/service.js";
import { buildTestApp } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/published-project.js";
import { createAccount, type SignedIn, signIn } from "../test-support/sessions.js";

let database: Database;
let app: FastifyInstance;
let editor: SignedIn;
let worker: SignedIn;
let admin: SignedIn;

beforeAll(async () => {
  database = await openTestDatabase();
  await loadReferencePlaces(database.db);
  await insertProjectFixture(database.db, { slug: "thu-nghiem" });
  app = await buildTestApp(database);
  const site = await database.db.selectFrom("sites").select("id").executeTakeFirstOrThrow();
  const accounts = await Promise.all(
    (["editor", "outreach_worker", "administrator"] as const).map((role) =>
      createAccount(database.db, {
        role,
        displayName: `Tên ${role}`,
        siteIds: role === "outreach_worker" ? [site.id] : [],
      }),
    ),
  );
  const sessions = await Promise.all(
    accounts.map((account) => signIn(app, account.username, account.password)),
  );
  [editor, worker, admin] = sessions as [SignedIn, SignedIn, SignedIn];
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Method = "GET" | "POST" | "PUT";

function call(who: SignedIn | undefined, method: Method, url: string, payload?: unknown) {
  const headers = who ? (method === "GET" ? who.headers : who.unsafeHeaders) : {};
  return app.inject({
    method,
    url,
    headers,
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

const post = {
  kind: "news",
  fields: {
    title: { vi: "Tập huấn cho nhóm đồng đẳng", en: "" },
    slug: { vi: "tap-huan-dong-dang", en: "" },
    body: { vi: "Buổi tập huấn diễn ra **tốt đẹp**.", en: "" },
  },
};

async function createNews(body: unknown = post) {
  const response = await call(editor, "POST", "/api/content/items", body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().item as { id: string; revision: number; state: string };
}

describe("the content API", () => {
  it("lets editors and administrators in, and no one else", async () => {
    expect((await call(undefined, "GET", "/api/content/items")).statusCode).toBe(401);
    expect((await call(worker, "GET", "/api/content/items")).statusCode).toBe(403);
    expect((await call(worker, "POST", "/api/content/items", post)).statusCode).toBe(403);
    expect((await call(editor, "GET", "/api/content/items")).statusCode).toBe(200);
    expect((await call(admin, "GET", "/api/content/items")).statusCode).toBe(200);
  });

  it("creates a draft, saves revisions, and refuses a save from a stale revision", async () => {
    const item = await createNews({
      ...post,
      fields: { ...post.fields, slug: { vi: "ban-luu-1", en: "" } },
    });
    expect(item).toMatchObject({ state: "draft", revision: 1 });
    const saved = await call(editor, "PUT", `/api/content/items/${item.id}`, {
      revision: 1,
      fields: { summary: { vi: "Tóm tắt", en: "Summary" } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().item).toMatchObject({
      revision: 2,
      updated_by_name: "Tên editor",
      fields: { title: post.fields.title, summary: { vi: "Tóm tắt", en: "Summary" } },
    });
    const stale = await app.inject({
      method: "PUT",
      url: `/api/content/items/${item.id}`,
      headers: { ...editor.unsafeHeaders, "accept-language": "en" },
      payload: { revision: 1, fields: { summary: { vi: "Khác", en: "Other" } } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: "edit_conflict", revision: 2 });
    expect(stale.json().error.message).toContain("latest revision is 2");
  });

  it("publishes only with a Vietnamese title and slug, naming the missing field", async () => {
    const item = await createNews({ kind: "news", fields: { title: { vi: "Chưa có", en: "" } } });
    const refused = await call(editor, "POST", `/api/content/items/${item.id}/publish`, {
      revision: 1,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ parameter: "fields.slug.vi" });
    expect(refused.json().error.message).toContain("cần điền trước khi đăng");
  });

  it("publishes an activity only with its start and its place, in either language", async () => {
    const activity = await createNews({
      kind: "activity",
      fields: {
        title: { vi: "Sinh hoạt nhóm", en: "" },
        slug: { vi: "sinh-hoat-nhom-thang-8", en: "" },
        starts_at: "2011-08-20T02:00:00.000Z",
      },
    });
    const refused = await call(editor, "POST", `/api/content/items/${activity.id}/publish`, {
      revision: activity.revision,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ parameter: "fields.place.vi" });
    const saved = await call(editor, "PUT", `/api/content/items/${activity.id}`, {
      revision: activity.revision,
      fields: { place: { vi: "", en: "Muong Ang commune" } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await call(editor, "POST", `/api/content/items/${activity.id}/publish`, {
      revision: saved.json().item.revision,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().item.state).toBe("published");
  });

  it("refuses an image without a text for those who cannot see it", async () => {
    const item = await createNews({
      kind: "news",
      fields: {
        title: { vi: "Ảnh", en: "" },
        slug: { vi: "anh-thieu-mo-ta", en: "" },
        body: { vi: "![](/media/0190a3c4-1111-7000-8000-000000000000)", en: "" },
      },
    });
    const refused = await call(editor, "POST", `/api/content/items/${item.id}/publish`, {
      revision: 1,
    });
    expect(refused.json().error).toMatchObject({
      code: "invalid_parameter",
      parameter: "fields.body.vi",
    });
  });

  it("keeps one live slug per kind and language", async () => {
    await createNews({ ...post, fields: { ...post.fields, slug: { vi: "trung-ten", en: "" } } });
    const second = await call(editor, "POST", "/api/content/items", {
      ...post,
      fields: { ...post.fields, slug: { vi: "trung-ten", en: "" } },
    });
    expect(second.statusCode).toBe(400);
    expect(second.json().error).toMatchObject({ parameter: "fields.slug.vi" });
    const badSlug = await call(editor, "POST", "/api/content/items", {
      ...post,
      fields: { ...post.fields, slug: { vi: "Điện Biên", en: "" } },
    });
    expect(badSlug.statusCode).toBe(400);
  });

  it("publishes, lists revisions with their notes, diffs word by word and restores", async () => {
    const item = await createNews({
      ...post,
      fields: { ...post.fields, slug: { vi: "phien-ban", en: "" } },
    });
    await call(editor, "PUT", `/api/content/items/${item.id}`, {
      revision: 1,
      fields: { body: { vi: "Buổi tập huấn diễn ra rất **tốt đẹp**.", en: "" } },
    });
    const published = await call(editor, "POST", `/api/content/items/${item.id}/publish`, {
      revision: 2,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().item).toMatchObject({ state: "published", revision: 3 });
    expect(published.json().item.published_at).not.toBeNull();

    const revisions = (await call(editor, "GET", `/api/content/items/${item.id}/revisions`)).json()
      .revisions as { number: number; note: string; state: string; saved_by_name: string }[];
    expect(revisions.map((r) => [r.number, r.note, r.state])).toEqual([
      [3, "published", "published"],
      [2, "saved", "draft"],
      [1, "created", "draft"],
    ]);
    expect(revisions[0]!.saved_by_name).toBe("Tên editor");

    const diff = await call(editor, "GET", `/api/content/items/${item.id}/revisions/2/diff`);
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json().changes).toEqual([
      {
        field: "body",
        locale: "vi",
        parts: [
          { value: "Buổi tập huấn diễn ra " },
          { value: "rất ", added: true },
          { value: "**tốt đẹp**." },
        ],
      },
    ]);

    const restored = await call(
      editor,
      "POST",
      `/api/content/items/${item.id}/revisions/1/restore`,
    );
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().item).toMatchObject({
      revision: 4,
      state: "published",
      fields: { body: { vi: "Buổi tập huấn diễn ra **tốt đẹp**." } },
    });
    const audit = await database.db
      .selectFrom("audit_log")
      .select(["action", "target_id"])
      .where("target_type", "=", "content")
      .where("target_id", "=", item.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["content.published", "content.restored"]);
  });

  it("schedules for a future moment only", async () => {
    const item = await createNews({
      ...post,
      fields: { ...post.fields, slug: { vi: "hen-gio", en: "" } },
    });
    const past = await call(editor, "POST", `/api/content/items/${item.id}/schedule`, {
      revision: 1,
      publish_at: "2011-08-01T08:00:00+07:00",
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.parameter).toBe("publish_at");
    const later = await call(editor, "POST", `/api/content/items/${item.id}/schedule`, {
      revision: 1,
      publish_at: "2099-01-01T08:00:00+07:00",
    });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json().item).toMatchObject({
      state: "scheduled",
      publish_at: "2099-01-01T01:00:00.000Z",
      published_at: null,
    });
  });

  it("lists items by kind, state and title words, a page at a time", async () => {
    const all = (await call(editor, "GET", "/api/content/items?kind=news")).json();
    expect(all.total).toBeGreaterThan(3);
    const found = (
      await call(editor, "GET", "/api/content/items?q=t%E1%BA%ADp%20hu%E1%BA%A5n")
    ).json();
    expect(found.items.length).toBeGreaterThan(0);
    const published = (await call(editor, "GET", "/api/content/items?state=published")).json();
    expect(published.items.every((i: { state: string }) => i.state === "published")).toBe(true);
  });

  it("takes a long body but refuses one over 100,000 characters, in the caller's language", async () => {
    const long = "Một đoạn văn dài. ".repeat(5_000);
    const accepted = await call(editor, "POST", "/api/content/items", {
      kind: "page",
      fields: { body: { vi: long, en: "" } },
    });
    expect(accepted.statusCode, accepted.body.slice(0, 200)).toBe(201);
    const tooLong = await app.inject({
      method: "POST",
      url: "/api/content/items",
      headers: { ...editor.unsafeHeaders, "accept-language": "en" },
      payload: { kind: "page", fields: { body: { vi: "x".repeat(100_001), en: "" } } },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.parameter).toBe("fields.body.vi");
    expect(tooLong.json().error.message).toContain("too long");
  });

  it("previews a draft as its public page, with a banner, not stored by caches", async () => {
    const item = await createNews({
      ...post,
      fields: { ...post.fields, slug: { vi: "xem-truoc", en: "" } },
    });
    const preview = await call(editor, "GET", `/api/content/items/${item.id}/preview?locale=en`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers["cache-control"]).toBe("no-store");
    expect(preview.headers["x-robots-tag"]).toBe("noindex");
    expect(preview.body).toContain("Preview: this page is not published yet");
    expect(preview.body).toContain(`<span lang="vi">Tập huấn cho nhóm đồng đẳng</span>`);
    expect(preview.body).toContain("<strong>tốt đẹp</strong>");
    expect((await app.inject({ method: "GET", url: "/vi/tin-tuc/xem-truoc" })).statusCode).toBe(
      404,
    );
  });

  it("answers saves racing for one slug as if they came one after another: one wins, the others are told", async () => {
    // On a PostgreSQL server these run at once on several connections; both checks can find the
    // slug free, and the unique index refuses all but one.
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(editor, "POST", "/api/content/items", {
          ...post,
          fields: { ...post.fields, slug: { vi: "cung-luc", en: "" } },
        }),
      ),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([201, 400, 400, 400, 400, 400]);
    for (const refused of answers.filter((a) => a.statusCode === 400)) {
      expect(refused.json().error).toMatchObject({ parameter: "fields.slug.vi" });
      expect(refused.json().error.message).toBe(
        answers.find((a) => a.statusCode === 400)!.json().error.message,
      );
    }
    const narratives = await Promise.all(
      Array.from({ length: 4 }, () =>
        call(editor, "POST", "/api/content/items", { kind: "project", project_slug: "cung-luc" }),
      ),
    );
    // No such project: each is refused by the check, not by a server error.
    expect(narratives.map((a) => a.statusCode)).toEqual([400, 400, 400, 400]);
  });

  it("writes a project's narrative only for a known project, one per project", async () => {
    const unknown = await call(editor, "POST", "/api/content/items", {
      kind: "project",
      project_slug: "khong-co",
    });
    expect(unknown.json().error).toMatchObject({ parameter: "project_slug" });
    const first = await call(editor, "POST", "/api/content/items", {
      kind: "project",
      project_slug: "thu-nghiem",
    });
    expect(first.statusCode).toBe(201);
    const second = await call(editor, "POST", "/api/content/items", {
      kind: "project",
      project_slug: "thu-nghiem",
    });
    expect(second.json().error).toMatchObject({ parameter: "project_slug" });
  });
});
