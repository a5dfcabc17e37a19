// For the app's unit tests: a fresh IndexedDB (fake-indexeddb) per test and a signed-in user.
import "fake-indexeddb/auto";
import type { SessionUser } from "../../../src/auth/policy.js";
import { PeerlinkDb } from "../db/database.js";
import { setMeta } from "../db/meta.js";
import { newId } from "../lib/ids.js";

let count = 0;

export function openTestDb(): PeerlinkDb {
  count += 1;
  return new PeerlinkDb(`peerlink-test-${count}-${newId()}`);
}

export const siteId = "0190b5a0-0000-7000-8000-000000000001";

export function testUser(overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    id: newId(),
    username: "tcv.lan",
    displayName: "Lò Thị Lan",
    role: "outreach_worker",
    siteIds: [siteId],
    staffId: newId(),
    locale: "vi",
    ...overrides,
  };
}

export async function signIn(db: PeerlinkDb, user: SessionUser): Promise<void> {
  await setMeta(db, "session", { user, csrf_token: "csrf", valid: true, unlocked: true });
}

export function clientRecord(overrides: Record<string, unknown> = {}) {
  return {
    id: newId(),
    site_id: siteId,
    uic: "HOTH285",
    sex: "female",
    birth_year: 1985,
    population_group: "partner_pwud",
    home_commune_id: null,
    registered_on: "2026-03-02",
    ...overrides,
  };
}
