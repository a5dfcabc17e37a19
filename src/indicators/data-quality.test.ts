import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../db/connection.js";
import { Random } from "../demo/random.js";
import { newId } from "../lib/ids.js";
import { openTestDatabase } from "../test-support/database.js";
import {
  insertContact,
  insertGroupSession,
  insertProjectFixture,
  type ProjectFixture,
  type SiteFixture,
} from "../test-support/fixtures.js";
import { insertUser } from "../test-support/users.js";
import { checkDataQuality, type DataQualityRequest } from "./data-quality.js";

let database: Database;
let f: ProjectFixture;
const now = new Date("2024-03-20T05:00:00Z");
const daysBefore = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

/** A client with a chosen UIC (the shared fixture numbers them, which would read as near-duplicates). */
async function addClient(
  db: Db,
  site: SiteFixture,
  uic: string,
  options: {
    sex?: "female" | "male";
    birthYear?: number;
    voided?: boolean;
    registeredOn?: string;
  } = {},
) {
  const id = newId();
  await db
    .insertInto("clients")
    .values({
      id,
      site_id: site.id,
      uic,
      sex: options.sex ?? "female",
      birth_year: options.birthYear ?? 1985,
      population_group: "partner_pwud",
      home_commune_id: site.communes[0] ?? null,
      name_encrypted: null,
      phone_encrypted: null,
      registered_on: options.registeredOn ?? "2011-07-01",
      created_by: null,
      ...(options.voided
        ? { voided_at: new Date("2011-11-01T00:00:00Z"), void_reason: "registered twice" }
        : {}),
    })
    .execute();
  return id;
}

async function recordedAt(db: Db, contactId: string, at: string) {
  await db
    .updateTable("contacts")
    .set({ created_at: new Date(at) })
    .where("id", "=", contactId)
    .execute();
}

async function addDevice(db: Db, userId: string, seen: { push?: Date; pull?: Date; first: Date }) {
  await db
    .insertInto("devices")
    .values({
      id: newId(),
      user_id: userId,
      first_seen_at: seen.first,
      last_push_at: seen.push ?? null,
      last_pull_at: seen.pull ?? null,
    })
    .execute();
}

const request = (
  siteIds: string[] | null,
  wholeProject = siteIds === null,
): DataQualityRequest => ({
  projectId: f.projectId,
  siteIds,
  from: "2011-07-01",
  to: "2011-10-31",
  includeStaffWithoutSites: wholeProject,
  now,
});

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  f = await insertProjectFixture(db);
  const { siteA, siteB } = f;

  // Suspected duplicates: one letter substituted (A, same sex and year); one letter added (A and
  // B: a pair across sites). Not suspects: a different sex, a different birth year, two letters
  // apart, and a voided copy of a live code.
  const lan = await addClient(db, siteA, "LAHU285");
  await addClient(db, siteA, "LAHA285");
  await addClient(db, siteB, "MIDU185", { sex: "male" });
  await addClient(db, siteA, "MIDUX185", { sex: "male", registeredOn: "2011-08-01" });
  await addClient(db, siteA, "HOAN285");
  await addClient(db, siteA, "HOAN185", { sex: "male" });
  await addClient(db, siteA, "QUTR285");
  await addClient(db, siteA, "QUTR295", { birthYear: 1995 });
  await addClient(db, siteA, "ABCD285");
  await addClient(db, siteA, "ABXY285");
  await addClient(db, siteA, "ZZZZ285", { voided: true });
  await addClient(db, siteB, "ZZZZ286");
  // The same code at two sites (a UIC is unique per site only): a pair for whoever sees both.
  await addClient(db, siteA, "KHOA285");
  await addClient(db, siteB, "KHOA285", { registeredOn: "2011-09-01" });
  // And at one site once the first is voided: not a pair (one is voided).
  await addClient(db, siteA, "VOID285", { voided: true });
  await addClient(db, siteA, "VOID285");

  // Missing commune: a contact and a meeting in the period (counted), a contact after it (not).
  // (Contacts are saved "now" unless told otherwise, which would make them late entries.)
  const unplaced = await insertContact(db, siteA, lan, "2011-08-02", { communeId: null });
  await recordedAt(db, unplaced, "2011-08-02T09:00:00Z");
  await insertContact(db, siteA, lan, "2011-11-02", { communeId: null });
  const meeting = await insertGroupSession(db, siteB, "2011-09-09", []);
  await db
    .updateTable("group_sessions")
    .set({ commune_id: null })
    .where("id", "=", meeting)
    .execute();

  // Late entries, by the day in Vietnam: saved 10 days after (late), 6 days after (on time), and
  // at 01:00 on the 9th in Vietnam — the 8th in UTC — for a contact of the 1st (8 days: late).
  await recordedAt(db, await insertContact(db, siteA, lan, "2011-08-01"), "2011-08-11T03:00:00Z");
  await recordedAt(db, await insertContact(db, siteA, lan, "2011-08-01"), "2011-08-07T03:00:00Z");
  await recordedAt(db, await insertContact(db, siteB, lan, "2011-08-01"), "2011-08-08T18:00:00Z");

  // Devices, against a clock of 20 March 2024.
  const workerA = await insertUser(db, "outreach_worker", { siteIds: [siteA.id] });
  const workerB = await insertUser(db, "outreach_worker", { siteIds: [siteB.id] });
  const officer = await insertUser(db, "programme_officer");
  const gone = await insertUser(db, "outreach_worker", { siteIds: [siteA.id] });
  await db
    .updateTable("users")
    .set({ disabled_at: daysBefore(40) })
    .where("id", "=", gone.id)
    .execute();
  await addDevice(db, workerA.id, {
    push: daysBefore(8),
    pull: daysBefore(9),
    first: daysBefore(60),
  });
  await addDevice(db, workerA.id, { pull: daysBefore(6), first: daysBefore(60) });
  await addDevice(db, workerA.id, { first: daysBefore(10) });
  await addDevice(db, workerB.id, { push: daysBefore(30), first: daysBefore(60) });
  await addDevice(db, officer.id, { pull: daysBefore(20), first: daysBefore(60) });
  await addDevice(db, gone.id, { push: daysBefore(50), first: daysBefore(60) });
});
afterAll(async () => {
  await database.close();
});

describe("the data-quality checks", () => {
  it("find clients whose UICs are one character apart or the same at two sites, with the same sex and birth year", async () => {
    const whole = await checkDataQuality(database.db, request(null));
    expect(whole.duplicates.count).toBe(3);
    // Newest first: KHOA285 at site B was registered in September, MIDUX185 in August.
    expect(whole.duplicates.pairs.map((p) => [p.a_uic, p.b_uic])).toEqual([
      ["KHOA285", "KHOA285"],
      ["MIDU185", "MIDUX185"],
      ["LAHA285", "LAHU285"],
    ]);
    // A coordinator of site A does not learn a code of site B.
    const siteA = await checkDataQuality(database.db, request([f.siteA.id]));
    expect(siteA.duplicates.pairs.map((p) => [p.a_uic, p.b_uic])).toEqual([["LAHA285", "LAHU285"]]);
  });

  it("count contacts and group meetings of the period without a commune", async () => {
    const whole = await checkDataQuality(database.db, request(null));
    expect(whole.missingCommune).toMatchObject({ contacts: 1, groupSessions: 1 });
    expect(whole.missingCommune.records.map((r) => [r.record_type, r.service_on])).toEqual([
      ["contact", "2011-08-02"],
      ["group_session", "2011-09-09"],
    ]);
    const siteA = await checkDataQuality(database.db, request([f.siteA.id]));
    expect(siteA.missingCommune).toMatchObject({ contacts: 1, groupSessions: 0 });
  });

  it("find contacts saved more than a week after their date, by the day in Vietnam", async () => {
    const whole = await checkDataQuality(database.db, request(null));
    expect(whole.lateEntries.count).toBe(2);
    expect(
      whole.lateEntries.records.map((r) => [r.service_on, r.recorded_on, r.days_late, r.uic]),
    ).toEqual([
      ["2011-08-01", "2011-08-11", 10, "LAHU285"],
      ["2011-08-01", "2011-08-09", 8, "LAHU285"],
    ]);
    const siteA = await checkDataQuality(database.db, request([f.siteA.id]));
    expect(siteA.lateEntries.count).toBe(1);
  });

  it("find the scope's devices that have not synced for a week, against the given clock", async () => {
    const siteA = await checkDataQuality(database.db, request([f.siteA.id]));
    // Synced 8 days ago, and never synced since first seen 10 days ago; not the one that pulled
    // 6 days ago, nor the disabled account's.
    expect(siteA.silentDevices.count).toBe(2);
    expect(siteA.silentDevices.devices.map((d) => d.synced)).toEqual([false, true]);
    expect(siteA.silentDevices.devices.map((d) => d.last_seen_at)).toEqual([
      daysBefore(10),
      daysBefore(8),
    ]);
    // The whole project adds site B's worker and the programme officer (linked to no site).
    const whole = await checkDataQuality(database.db, request(null));
    expect(whole.silentDevices.count).toBe(4);
    const bothSites = await checkDataQuality(database.db, request([f.siteA.id, f.siteB.id], false));
    expect(bothSites.silentDevices.count).toBe(3);
    // A day later the device that pulled 6 days ago is still within the week; two more days and
    // it is not.
    const later = await checkDataQuality(database.db, {
      ...request([f.siteA.id]),
      now: new Date(now.getTime() + 2 * 24 * 60 * 60 * 1000),
    });
    expect(later.silentDevices.count).toBe(3);
  });
});

/** One substitution, insertion or deletion apart (and not equal). */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) return [...a].filter((ch, i) => ch !== b[i]).length === 1;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return [...long].some((_, i) => long.slice(0, i) + long.slice(i + 1) === short);
}

describe("suspected duplicates, kept as clients are written", () => {
  interface Made {
    id: string;
    uic: string;
    sex: "female" | "male";
    birthYear: number;
    registeredOn: string;
    siteId: string;
    voided: boolean;
  }

  /** What the panel should list, worked out by brute force over every pair. */
  function expectedPairs(made: readonly Made[], siteIds: readonly string[] | null) {
    const live = made.filter((c) => !c.voided && (siteIds === null || siteIds.includes(c.siteId)));
    const inPeriod = (c: Made) => c.registeredOn >= "2011-07-01" && c.registeredOn <= "2011-10-31";
    const pairs: string[] = [];
    for (const [i, a] of live.entries())
      for (const b of live.slice(i + 1)) {
        if (a.sex !== b.sex || a.birthYear !== b.birthYear) continue;
        if (!oneEditApart(a.uic, b.uic) && a.uic !== b.uic) continue;
        if (!inPeriod(a) && !inPeriod(b)) continue;
        const [x, y] =
          a.uic.length < b.uic.length || (a.uic.length === b.uic.length && a.uic < b.uic)
            ? [a, b]
            : [b, a];
        pairs.push(`${x.uic}~${y.uic}`);
      }
    return pairs.sort();
  }

  const listed = async (db: Db, projectId: string, siteIds: string[] | null) => {
    const quality = await checkDataQuality(db, {
      projectId,
      siteIds,
      from: "2011-07-01",
      to: "2011-10-31",
      includeStaffWithoutSites: siteIds === null,
      now,
    });
    const pairs = quality.duplicates.pairs.map((p) => `${p.a_uic}~${p.b_uic}`);
    expect(quality.duplicates.count).toBe(pairs.length);
    return [...pairs].sort();
  };

  it("match a brute-force search over random codes, as codes are corrected and clients move or are voided", async () => {
    const own = await openTestDatabase();
    try {
      const db = own.db;
      const g = await insertProjectFixture(db);
      const random = new Random(20111123);
      // A small alphabet and short codes, so that many codes are one edit apart.
      const codeOf = () =>
        Array.from({ length: random.int(4, 5) }, () => random.pick(["A", "B", "1"])).join("");
      const made: Made[] = [];
      // A code is unique per site (voided clients keep theirs here, so restoring one is always
      // possible); the same code at both sites is a pair.
      const taken = new Set<string>();
      const key = (siteId: string, uic: string) => `${siteId}:${uic}`;
      while (made.length < 150) {
        const uic = codeOf();
        const siteId = random.pick([g.siteA, g.siteB]).id;
        if (taken.has(key(siteId, uic))) continue;
        taken.add(key(siteId, uic));
        const c = {
          uic,
          sex: random.pick(["female", "male"] as const),
          birthYear: random.pick([1985, 1986]),
          registeredOn: random.pick(["2011-05-01", "2011-08-15", "2011-12-01"]),
          siteId,
          voided: random.chance(0.1),
        };
        const site = c.siteId === g.siteA.id ? g.siteA : g.siteB;
        made.push({ ...c, id: await addClient(db, site, uic, { ...c }) });
      }
      const check = async () => {
        expect(await listed(db, g.projectId, null)).toEqual(expectedPairs(made, null));
        expect(await listed(db, g.projectId, [g.siteA.id])).toEqual(
          expectedPairs(made, [g.siteA.id]),
        );
      };
      await check();
      expect(expectedPairs(made, null).length).toBeGreaterThan(20);
      expect(made.some((a) => made.some((b) => a !== b && a.uic === b.uic))).toBe(true);

      // Codes corrected, a sex and a birth year changed: the stored pairs follow.
      for (const c of random.sample(made, 30)) {
        let uic = codeOf();
        while (taken.has(key(c.siteId, uic))) uic = codeOf();
        taken.delete(key(c.siteId, c.uic));
        taken.add(key(c.siteId, uic));
        c.uic = uic;
        c.sex = c.sex === "female" ? "male" : "female";
        await db.updateTable("clients").set({ uic, sex: c.sex }).where("id", "=", c.id).execute();
      }
      for (const c of random.sample(made, 10)) {
        c.birthYear = c.birthYear === 1985 ? 1986 : 1985;
        await db
          .updateTable("clients")
          .set({ birth_year: c.birthYear })
          .where("id", "=", c.id)
          .execute();
      }
      await check();

      // Clients moved to the other site, registered on another day, voided and restored: each
      // pair's stored facts of both its clients follow.
      for (const c of random.sample(made, 40)) {
        const change = random.pick(["site", "registered", "void"] as const);
        const other = c.siteId === g.siteA.id ? g.siteB.id : g.siteA.id;
        if (change === "site" && !taken.has(key(other, c.uic))) {
          taken.delete(key(c.siteId, c.uic));
          taken.add(key(other, c.uic));
          c.siteId = other;
        }
        if (change === "registered")
          c.registeredOn = random.pick(["2011-05-01", "2011-08-15", "2011-12-01"]);
        if (change === "void") c.voided = !c.voided;
        await db
          .updateTable("clients")
          .set({
            site_id: c.siteId,
            registered_on: c.registeredOn,
            voided_at: c.voided ? new Date("2011-11-01T00:00:00Z") : null,
            void_reason: c.voided ? "registered twice" : null,
          })
          .where("id", "=", c.id)
          .execute();
      }
      await check();
    } finally {
      await own.close();
    }
  });

  it("pair two clients added by two transactions at the same time", async () => {
    const own = await openTestDatabase();
    try {
      const db = own.db;
      const g = await insertProjectFixture(db);
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      // The first transaction is still open when the second adds a neighbour of its client: on
      // PostgreSQL neither would see the other's client without the trigger's lock.
      const first = db.transaction().execute(async (trx) => {
        await addClient(trx, g.siteA, "TRAN285", { registeredOn: "2011-08-01" });
        await sleep(300);
      });
      await sleep(100);
      const second = db.transaction().execute(async (trx) => {
        await addClient(trx, g.siteB, "TRAM285", { registeredOn: "2011-08-02" });
      });
      await Promise.all([first, second]);
      expect(await listed(db, g.projectId, null)).toEqual(["TRAM285~TRAN285"]);
    } finally {
      await own.close();
    }
  });

  it("follow a client moved to another site while another transaction pairs it", async () => {
    const own = await openTestDatabase();
    try {
      const db = own.db;
      const g = await insertProjectFixture(db);
      const moved = await addClient(db, g.siteA, "MOVE285", { registeredOn: "2011-08-01" });
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      // The first transaction writes the pair with the client still at site A; the second moves
      // the client to site B before the first has committed. On PostgreSQL, without the lock the
      // move would not see the pair, which would keep saying site A.
      const first = db.transaction().execute(async (trx) => {
        await addClient(trx, g.siteA, "MOVA285", { registeredOn: "2011-08-02" });
        await sleep(300);
      });
      await sleep(100);
      const second = db
        .updateTable("clients")
        .set({ site_id: g.siteB.id })
        .where("id", "=", moved)
        .execute();
      await Promise.all([first, second]);
      expect(await listed(db, g.projectId, [g.siteA.id])).toEqual([]);
      expect(await listed(db, g.projectId, null)).toEqual(["MOVA285~MOVE285"]);
    } finally {
      await own.close();
    }
  });
});
