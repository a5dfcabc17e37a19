import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { openTestDatabase } from "../test-support/database.js";
import {
  indexDocuments,
  maxQueryLength,
  removeDocuments,
  searchSite,
  type TSearchDocument,
} from "./service.js";

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** Each test indexes under its own kind-and-ref prefix, so tests do not see each other's documents. */
function document(overrides: Partial<TSearchDocument> & Pick<TSearchDocument, "ref">) {
  return {
    kind: "news",
    locale: "vi",
    url: `/vi/tin-tuc/${overrides.ref}`,
    title: "Tin tức",
    body: "",
    publishedAt: new Date("2024-03-01T03:00:00Z"),
    ...overrides,
  } satisfies TSearchDocument;
}

const search = (q: string, locale: "vi" | "en" = "vi", page = 1) =>
  searchSite(database.db, { q, locale, page });

describe("site search", () => {
  it("finds Vietnamese text with or without diacritics, either way round", async () => {
    await indexDocuments(database.db, [
      document({ ref: "dien-bien", title: "Dự án tại Điện Biên", body: "Tiếp cận cộng đồng." }),
      document({ ref: "son-la", title: "Hoạt động ở Son La", body: "Khong dau o day." }),
    ]);
    for (const q of ["dien bien", "Điện Biên", "ĐIỆN BIÊN", "Đie\u0323\u0302n"]) {
      expect(
        (await search(q)).hits.map((hit) => hit.url),
        q,
      ).toEqual(["/vi/tin-tuc/dien-bien"]);
    }
    expect((await search("Sơn La")).hits.map((hit) => hit.url)).toEqual(["/vi/tin-tuc/son-la"]);
    expect((await search("cộng đồng")).hits[0]?.snippet).toBe(
      "Tiếp cận <mark>cộng</mark> <mark>đồng</mark>.",
    );
  });

  it("needs every word, and takes the last one as a prefix", async () => {
    await indexDocuments(database.db, [
      document({ ref: "prefix", title: "Tập huấn đồng đẳng viên", body: "Lai Châu" }),
    ]);
    expect((await search("dong dang vi")).total).toBe(1);
    expect((await search("lai cha")).total).toBe(1);
    expect((await search("lai chau ha noi")).total).toBe(0);
    // Only the last word is a prefix.
    expect((await search("la chau")).total).toBe(0);
  });

  it("ranks a match in the title above one in the body, then the newest first", async () => {
    await indexDocuments(database.db, [
      document({
        ref: "body-new",
        title: "Tin mới",
        body: "Nói về methadone trong bài.",
        publishedAt: new Date("2025-01-01T00:00:00Z"),
      }),
      document({
        ref: "title-old",
        title: "Methadone",
        body: "Bài cũ.",
        publishedAt: new Date("2019-01-01T00:00:00Z"),
      }),
      document({
        ref: "body-old",
        title: "Tin cũ",
        body: "Nói về methadone trong bài.",
        publishedAt: new Date("2018-01-01T00:00:00Z"),
      }),
    ]);
    expect((await search("methadone")).hits.map((hit) => hit.url)).toEqual([
      "/vi/tin-tuc/title-old",
      "/vi/tin-tuc/body-new",
      "/vi/tin-tuc/body-old",
    ]);
  });

  it("keeps the languages apart", async () => {
    await indexDocuments(database.db, [
      document({ ref: "both", title: "Ngày hội xét nghiệm lưu động" }),
      document({ ref: "both", locale: "en", url: "/en/news/both", title: "Mobile testing day" }),
    ]);
    expect((await search("luu dong", "vi")).hits.map((hit) => hit.url)).toEqual([
      "/vi/tin-tuc/both",
    ]);
    expect((await search("luu dong", "en")).total).toBe(0);
    expect((await search("mobile testing", "en")).hits.map((hit) => hit.url)).toEqual([
      "/en/news/both",
    ]);
  });

  it("replaces a document indexed again, and removes it in every language", async () => {
    const first = document({ ref: "again", title: "Bản đầu tiên", projectSlug: "dien-bien" });
    await indexDocuments(database.db, [first]);
    await indexDocuments(database.db, [
      { ...first, title: "Bản sửa lại" },
      document({ ref: "again", locale: "en", url: "/en/news/again", title: "Revised" }),
    ]);
    expect((await search("ban dau tien")).total).toBe(0);
    const [hit] = (await search("ban sua lai")).hits;
    expect(hit).toMatchObject({ title: "Bản sửa lại", kind: "news", projectSlug: "dien-bien" });
    expect(await removeDocuments(database.db, "news", "again")).toBe(2);
    expect((await search("ban sua lai")).total).toBe(0);
    expect((await search("revised", "en")).total).toBe(0);
    expect(await removeDocuments(database.db, "news", "again")).toBe(0);
  });

  it("indexes inside the caller's transaction, and not at all when it rolls back", async () => {
    await database.db.transaction().execute(async (trx) => {
      await indexDocuments(trx, [document({ ref: "in-trx", title: "Công bố trong giao dịch" })]);
    });
    expect((await search("giao dich")).total).toBe(1);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await indexDocuments(trx, [document({ ref: "rolled-back", title: "Hủy bỏ rồi" })]);
        throw new Error("the publication failed");
      }),
    ).rejects.toThrow("the publication failed");
    expect((await search("huy bo roi")).total).toBe(0);
  });

  it("pages the results and says how many there are", async () => {
    await indexDocuments(
      database.db,
      Array.from({ length: 23 }, (_, i) =>
        document({
          ref: `paged-${i}`,
          title: `Báo cáo quý số ${i}`,
          publishedAt: new Date(Date.UTC(2020, 0, 1 + i)),
        }),
      ),
    );
    const first = await searchSite(database.db, { q: "bao cao quy", locale: "vi" });
    expect(first).toMatchObject({ total: 23, page: 1, pageSize: 10 });
    expect(first.hits).toHaveLength(10);
    expect(first.hits[0]?.url).toBe("/vi/tin-tuc/paged-22");
    const third = await search("bao cao quy", "vi", 3);
    expect(third.hits.map((hit) => hit.url)).toEqual([
      "/vi/tin-tuc/paged-2",
      "/vi/tin-tuc/paged-1",
      "/vi/tin-tuc/paged-0",
    ]);
    expect((await search("bao cao quy", "vi", 4)).hits).toEqual([]);
  });

  it("answers any text with results or a stated refusal, never a database error", async () => {
    await indexDocuments(database.db, [
      document({ ref: "hostile", title: "a&b|c!d:e*(f)'g\"h\\i", body: "<b>bold</b>" }),
    ]);
    const hostile = [
      "&|!:*()'\"\\",
      "a & b",
      "'a':* | !b",
      "<->",
      "!!!",
      "( ( (",
      "\u{1F600}\u0301\u200b\ufeff",
      "\u0301",
      "東京 Ωμέγα ﬁ",
      "a\\",
      "'",
      "x:*A",
      "b:*",
    ];
    for (const q of hostile) {
      const results = await search(q);
      expect(results.total, q).toBeGreaterThanOrEqual(0);
    }
    expect((await search("b:*")).hits[0]?.snippet).toBe(
      "&lt;<mark>b</mark>&gt;<mark>bold</mark>&lt;/<mark>b</mark>&gt;",
    );
    expect((await search("")).total).toBe(0);
    expect((await search("   ")).total).toBe(0);
  });

  it("refuses too long a query, too many words and a page out of range, saying why", async () => {
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => (error instanceof AppError ? error : undefined),
      );
    const long = await refusal(search("a".repeat(maxQueryLength + 1)));
    expect(long?.code).toBe("invalid_parameter");
    expect(long?.details).toMatchObject({ parameter: "q", reason: "search_query_too_long" });
    expect((await search("b".repeat(maxQueryLength))).total).toBe(0);
    const words = await refusal(search("a b c d e f g h i j k"));
    expect(words?.details).toMatchObject({ parameter: "q", reason: "search_too_many_words" });
    for (const page of [0, -1, 1.5, 101, Number.NaN]) {
      const error = await refusal(search("a", "vi", page));
      expect(error?.details, String(page)).toMatchObject({
        parameter: "page",
        reason: "search_page",
      });
    }
  });
});

describe("long documents", () => {
  it("indexes the first 100,000 characters of a body, never half a character", async () => {
    const body = `${"a".repeat(99_999)}\u{1F600} cuoicung`;
    await indexDocuments(database.db, [document({ ref: "long", title: "Rất dài", body })]);
    const [hit] = (await search("rat dai")).hits;
    expect(hit?.snippet.endsWith("…")).toBe(true);
    expect((await search("cuoicung")).total).toBe(0);
    const stored = await database.db
      .selectFrom("search_documents")
      .select("body")
      .where("ref", "=", "long")
      .executeTakeFirstOrThrow();
    expect(stored.body).toBe("a".repeat(99_999));
  });
});
