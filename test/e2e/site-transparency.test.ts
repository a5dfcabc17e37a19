// The project page's money section and donor wall in Chromium, at a phone's width and a desktop's:
// axe finds nothing on the page, the table fits or scrolls inside its own box, and screenshots go
// to docs/screenshots/site-transparency-*.png. The server runs in this process (the app on a
// PGlite of its own), so the test can post the gifts and expenses that no API posts yet.
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import type { Database } from "../../src/db/connection.js";
import { deriveKey } from "../../src/lib/crypto.js";
import { loadReferencePlaces } from "../../src/places/service.js";
import { testSecret } from "../../src/test-support/app.js";
import { openTestDatabase } from "../../src/test-support/database.js";
import { giveToProject, spendFromProject } from "../../src/test-support/gifts.js";
import { insertProjectFixture } from "../../src/test-support/published-project.js";
import { axeViolations } from "./axe.js";
import { browserMissing, launchBrowser } from "./harness.js";

const screenshots = path.resolve(import.meta.dirname, "../../docs/screenshots");
const slug = "dien-bien";

describe.skipIf(browserMissing)("the project's money in a browser", () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    await loadReferencePlaces(database.db);
    const projectId = await insertProjectFixture(database.db, { slug });
    const key = deriveKey(testSecret, "donor-details");
    const named = ["Nguyễn Thị Hoà", "Trần Minh Quân", "Lê Thu Trang", "Hoàng Văn Nam"];
    for (let i = 0; i < 7; i += 1) {
      await giveToProject(database.db, key, {
        projectId,
        receivedOn: "2026-09-08",
        amount: 500_000,
        ...(i < 2 ? { name: named[i]!, named: true } : {}),
      });
    }
    await giveToProject(database.db, key, {
      projectId,
      receivedOn: "2026-10-02",
      amount: 2_000_000,
    });
    for (let i = 0; i < 2; i += 1) {
      await giveToProject(database.db, key, {
        projectId,
        receivedOn: "2026-10-20",
        amount: 300_000,
        name: named[2 + i]!,
        named: true,
      });
    }
    for (let i = 0; i < 6; i += 1) {
      await giveToProject(database.db, key, {
        projectId,
        receivedOn: "2026-11-11",
        amount: 200_000,
      });
    }
    await spendFromProject(database.db, projectId, "2026-10-15", 1_800_000);
    await spendFromProject(database.db, projectId, "2026-11-20", 2_400_000);
    await database.changes.ready();
    app = await buildApp({
      database,
      config: { publicUrl: "http://localhost:3000", logLevel: "silent" },
      secret: testSecret,
    });
    url = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it("shows the fund and the donors, accessible and within the screen, in both languages", {
    timeout: 120_000,
  }, async () => {
    for (const [locale, path_] of [
      ["vi", `/vi/du-an/${slug}`],
      ["en", `/en/projects/${slug}`],
    ] as const) {
      const page = await browser.newPage();
      await page.goto(`${url}${path_}`);
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await axeViolations(page), `${locale} at ${width}px`).toEqual([]);
        // Nothing wider than the screen: the table scrolls inside its own box if it must.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${locale} at ${width}px`).toBe(0);
        if (locale === "vi") {
          await page.locator("#funds").screenshot({
            path: path.join(screenshots, `site-transparency-${width}.png`),
          });
          await page.locator("#funds .donors").screenshot({
            path: path.join(screenshots, `site-transparency-donors-${width}.png`),
          });
        }
      }
      await page.close();
    }
  });
});
