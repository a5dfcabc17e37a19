// The reference data of someone who manages the finances: every published project (to post
// allocations and expenses to), though they work at no site; an outreach worker's stays their own.
import { describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/policy.js";
import { loadReferencePlaces } from "../places/service.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/published-project.js";
import { getReferenceData } from "./reference.js";

const user = (role: SessionUser["role"]): SessionUser => ({
  id: "00000000-0000-4000-8000-000000000001",
  username: role,
  displayName: role,
  role,
  siteIds: [],
  staffId: null,
  locale: "vi",
});

describe("the reference data's projects", () => {
  it("are every published project for finance, none of another's for a worker", async () => {
    const database = await openTestDatabase();
    try {
      await loadReferencePlaces(database.db);
      await insertProjectFixture(database.db, { slug: "cong-khai" });
      await insertProjectFixture(database.db, { slug: "nhap", status: "draft" });
      const finance = await getReferenceData(database.db, user("finance"), "2026-12-06");
      expect(finance.projects.map((p) => p.slug)).toEqual(["cong-khai"]);
      const worker = await getReferenceData(database.db, user("outreach_worker"), "2026-12-06");
      expect(worker.projects).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
