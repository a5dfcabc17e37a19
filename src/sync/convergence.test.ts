// Property: however a device's batches are repeated, reordered, split, and their answers lost, and
// whichever changes are refused, the server ends with every valid change applied exactly once —
// the same state for every schedule. And a change sent again gets the answer it first got, even
// when another device edits the same records before and between the sends: an edit answered
// conflict is never later answered duplicate (the app would drop it unapplied), and a duplicate
// carries the version that very change produced.
import fc from "fast-check";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/policy.js";
import type { Database } from "../db/connection.js";
import { deriveKey } from "../lib/crypto.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { insertUser } from "../test-support/users.js";
import type { ChangeResult, TPushRequest } from "./protocol.js";
import { pushChanges } from "./push.js";

const key = deriveKey("a test secret that is long enough to use", "client-details");
const now = new Date("2026-11-23T03:00:00Z");

type Change = TPushRequest["changes"][number];

/** A deterministic id from a number, so two runs build the same changes. */
const uuid = (n: number, kind: number) =>
  `0190a000-0000-7000-8${kind.toString(16).padStart(3, "0")}-${n.toString(16).padStart(12, "0")}`;

type EditOp = "update" | "void";

interface Plan {
  clients: number;
  contacts: { client: number; day: number }[];
  invalid: number[];
  /** The device's edits of referrals it made before (one each). */
  edits: { referral: number; op: EditOp }[];
  /** Another device's edits of those referrals before the device's sends (they conflict)… */
  rivalBefore: { referral: number; op: EditOp }[];
  /** …and after them, before the device's last sends. */
  rivalAfter: number[];
}

/** Referrals the device recorded (and synced) before the schedule, as a person would edit them. */
const REFERRALS = 4;
const setupClient = (f: ProjectFixture) => ({
  id: uuid(0, 7),
  site_id: f.siteA.id,
  uic: "SETUP285",
  sex: "female",
  birth_year: 1985,
  population_group: "partner_pwud",
  registered_on: "2026-11-01",
});
const setupReferral = (k: number, f: ProjectFixture) => ({
  id: uuid(k, 8),
  site_id: f.siteA.id,
  client_id: uuid(0, 7),
  service: "hiv_test",
  facility: "TTYT",
  referred_on: "2026-11-02",
});

function buildChanges(plan: Plan, f: ProjectFixture): { changes: Change[]; validIds: Set<string> } {
  const changes: Change[] = [];
  const validIds = new Set<string>();
  for (let i = 0; i < plan.clients; i++) {
    const record = {
      id: uuid(i, 1),
      site_id: f.siteA.id,
      uic: `PROP${i}`,
      sex: "female",
      birth_year: 1980 + i,
      population_group: "partner_pwud",
      registered_on: "2026-11-01",
    };
    changes.push({ id: uuid(i, 2), type: "client", op: "create", record, base_version: null });
    validIds.add(uuid(i, 2));
  }
  plan.contacts.forEach((c, i) => {
    const record = {
      id: uuid(i, 3),
      site_id: f.siteA.id,
      client_id: uuid(c.client % plan.clients, 1),
      contact_date: `2026-11-${String(1 + (c.day % 20)).padStart(2, "0")}`,
      commune_id: f.siteA.communes[0],
    };
    changes.push({ id: uuid(i, 4), type: "contact", op: "create", record, base_version: null });
    validIds.add(uuid(i, 4));
  });
  plan.invalid.forEach((n, i) => {
    const record = {
      id: uuid(i, 5),
      site_id: f.siteA.id,
      uic: `BAD${i}`,
      sex: "female",
      birth_year: 1800 + (n % 50),
      population_group: "partner_pwud",
      registered_on: "2026-11-01",
    };
    changes.push({ id: uuid(i, 6), type: "client", op: "create", record, base_version: null });
  });
  return { changes, validIds };
}

/** The device's edits of its referrals, built on the versions it synced. */
function buildEdits(plan: Plan, f: ProjectFixture, versions: number[]): Change[] {
  const seen = new Set<number>();
  return plan.edits.flatMap(({ referral, op }, i) => {
    const k = referral % REFERRALS;
    if (seen.has(k)) return [];
    seen.add(k);
    const record =
      op === "void"
        ? { id: uuid(k, 8), void_reason: "entered twice" }
        : { ...setupReferral(k, f), facility: `device-${k}` };
    return [{ id: uuid(i, 10), type: "referral", op, record, base_version: versions[k]! }];
  });
}

interface Attempt {
  picks: number[];
  dropAnswer: boolean;
}

/**
 * A device: it sends what is still in its outbox (plus stale repeats) and forgets a change on an
 * answer that settles it — applied or duplicate (done), conflict (a person resolves it with a new
 * change, as in the staff app); a refused change is sent again later (a person retrying it once
 * its client has arrived, say). Every answer is kept, to compare the answers of repeats. `between`
 * runs after the schedule, before the last sends (another device's edits).
 */
async function runDevice(
  database: Database,
  user: SessionUser,
  changes: Change[],
  attempts: Attempt[],
  between: () => Promise<void>,
) {
  const outbox = new Map(changes.map((c) => [c.id, c]));
  const answers = new Map<string, ChangeResult[]>();
  const send = async (batch: Change[]) => {
    const { results } = await pushChanges(
      database.db,
      user,
      { device_id: uuid(0, 9), changes: batch },
      { now, clientDetailsKey: key, describe: (r) => r.code },
    );
    for (const r of results) answers.set(r.id, [...(answers.get(r.id) ?? []), r]);
    return results;
  };
  for (const attempt of attempts) {
    const batch = attempt.picks.map((p) => changes[p % changes.length]!);
    const results = await send(batch);
    if (attempt.dropAnswer) continue;
    for (const r of results) if (r.status !== "rejected") outbox.delete(r.id);
  }
  await between();
  // Back online for good: flush the outbox in its order until nothing more can be settled.
  for (let round = 0; round < 5 && outbox.size > 0; round++) {
    for (const r of await send([...outbox.values()]))
      if (r.status !== "rejected") outbox.delete(r.id);
  }
  return { left: [...outbox.keys()], answers };
}

/** Applied and duplicate are one answer ("it is on the server"); the others stand alone. */
const kindOf = (r: ChangeResult) =>
  r.status === "applied" || r.status === "duplicate" ? "on_server" : `${r.status}:${r.code ?? ""}`;

async function serverState(database: Database) {
  const { rows } = await sql<{ kind: string; id: string; content: string }>`
    select 'client' as kind, id::text, concat_ws('|', uic, sex, birth_year, registered_on, created_by) as content from clients
    union all
    select 'contact', id::text, concat_ws('|', client_id, contact_date, commune_id, created_by) from contacts
    order by 1, 2`.execute(database.db);
  const receipts = await database.db
    .selectFrom("sync_receipts")
    .select(["change_id", "status"])
    .orderBy("change_id")
    .execute();
  return { rows, receipts };
}

const editArbitrary = fc.record({
  referral: fc.nat(),
  op: fc.constantFrom<EditOp>("update", "void"),
});
const planArbitrary = fc.record({
  clients: fc.integer({ min: 1, max: 5 }),
  contacts: fc.array(fc.record({ client: fc.nat(), day: fc.nat() }), { maxLength: 8 }),
  invalid: fc.array(fc.nat(), { maxLength: 3 }),
  edits: fc.array(editArbitrary, { maxLength: REFERRALS }),
  rivalBefore: fc.array(editArbitrary, { maxLength: 2 }),
  rivalAfter: fc.array(fc.nat(), { maxLength: 2 }),
});

/** The other device (the site's coordinator) edits referral k as it now stands, if it is live. */
async function rivalEdit(
  database: Database,
  rival: SessionUser,
  f: ProjectFixture,
  k: number,
  op: EditOp,
  facility: string,
) {
  const row = await database.db
    .selectFrom("referrals")
    .select(["version", "voided_at"])
    .where("id", "=", uuid(k, 8))
    .executeTakeFirstOrThrow();
  if (row.voided_at) return;
  const record =
    op === "void"
      ? { id: uuid(k, 8), void_reason: "wrong client" }
      : { ...setupReferral(k, f), facility };
  const { results } = await pushChanges(
    database.db,
    rival,
    {
      device_id: uuid(1, 9),
      changes: [
        {
          id: uuid(k * 10 + facility.length, 11),
          type: "referral",
          op,
          record,
          base_version: Number(row.version),
        },
      ],
    },
    { now, clientDetailsKey: key, describe: (r) => r.code },
  );
  expect(results[0]!.status).toBe("applied");
}

/** The first edit of each referral in a list (a second one of the same referral is left out). */
function firstEdits(list: readonly { referral: number; op: EditOp }[]): Map<number, EditOp> {
  const firsts = new Map<number, EditOp>();
  for (const { referral, op } of list)
    if (!firsts.has(referral % REFERRALS)) firsts.set(referral % REFERRALS, op);
  return firsts;
}

/**
 * Once a change was applied or conflicted, every later answer to it says the same however often
 * it was sent (refusals before it are judged afresh: they wrote nothing); an applied change's
 * answers carry the version it produced (its receipt's), a conflict's receipt is a conflict; only
 * refused changes stay in the outbox; and each referral ends as the edits the server applied, in
 * their order, made it.
 */
async function checkEdits(
  database: Database,
  plan: Plan,
  edits: Change[],
  run: Awaited<ReturnType<typeof runDevice>>,
  lateEdited: Set<number>,
) {
  const receipts = new Map(
    (await database.db.selectFrom("sync_receipts").selectAll().execute()).map((r) => [
      r.change_id,
      r,
    ]),
  );
  for (const [changeId, answers] of run.answers) {
    const settled = answers.findIndex((a) => a.status !== "rejected");
    const receipt = receipts.get(changeId);
    if (settled < 0) {
      expect(receipt, changeId).toBeUndefined();
      expect(run.left, changeId).toContain(changeId);
      continue;
    }
    const kinds = new Set(answers.slice(settled).map(kindOf));
    expect([...kinds], `answers to ${changeId}`).toHaveLength(1);
    if (kindOf(answers[settled]!) === "on_server") {
      expect(receipt?.status, changeId).toBe("applied");
      for (const a of answers.slice(settled))
        expect(a.version, changeId).toBe(Number(receipt!.version));
    } else {
      expect(receipt?.status, changeId).toBe("conflict");
    }
  }
  for (const id of run.left) expect(run.answers.get(id)!.at(-1)!.status).toBe("rejected");
  const rivalBefore = firstEdits(plan.rivalBefore);
  for (let k = 0; k < REFERRALS; k++) {
    const row = await database.db
      .selectFrom("referrals")
      .select(["facility", "voided_at"])
      .where("id", "=", uuid(k, 8))
      .executeTakeFirstOrThrow();
    const edit = edits.find((e) => (e.record as { id: string }).id === uuid(k, 8));
    const deviceApplied =
      edit !== undefined && run.answers.get(edit.id)!.some((a) => kindOf(a) === "on_server");
    if (edit && rivalBefore.has(k)) expect(deviceApplied, `referral ${k}`).toBe(false);
    const expected = lateEdited.has(k)
      ? { facility: `late-${k}`, voided: false }
      : deviceApplied
        ? edit.op === "void"
          ? { facility: "TTYT", voided: true }
          : { facility: `device-${k}`, voided: false }
        : rivalBefore.get(k) === "void"
          ? { facility: "TTYT", voided: true }
          : { facility: rivalBefore.get(k) === "update" ? `rival-${k}` : "TTYT", voided: false };
    expect({ facility: row.facility, voided: row.voided_at !== null }, `referral ${k}`).toEqual(
      expected,
    );
  }
}
const scheduleArbitrary = fc.array(
  fc.record({
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
    dropAnswer: fc.boolean(),
  }),
  { maxLength: 6 },
);

describe("sync convergence", () => {
  it("applies every valid change exactly once and answers each change as it first did, whatever the schedule", {
    timeout: 600_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        planArbitrary,
        scheduleArbitrary,
        scheduleArbitrary,
        async (plan, scheduleA, scheduleB) => {
          const states = [];
          for (const schedule of [scheduleA, scheduleB]) {
            const database = await openTestDatabase();
            try {
              const f = await insertProjectFixture(database.db, "convergence");
              // Users get the same id in both databases: they are the first user in each.
              const user = await insertUser(database.db, "outreach_worker", {
                siteIds: [f.siteA.id],
              });
              const rival = await insertUser(database.db, "site_coordinator", {
                siteIds: [f.siteA.id],
              });
              // The device's referrals, synced before; the other device's first edits of them.
              const setup = await pushChanges(
                database.db,
                user,
                {
                  device_id: uuid(0, 9),
                  changes: [
                    {
                      id: uuid(0, 12),
                      type: "client",
                      op: "create",
                      record: setupClient(f),
                      base_version: null,
                    },
                    ...Array.from({ length: REFERRALS }, (_, k) => ({
                      id: uuid(k + 1, 12),
                      type: "referral",
                      op: "create" as const,
                      record: setupReferral(k, f),
                      base_version: null,
                    })),
                  ],
                },
                { now, clientDetailsKey: key, describe: (r) => r.code },
              );
              const versions = setup.results.slice(1).map((r) => r.version!);
              for (const [k, op] of firstEdits(plan.rivalBefore))
                await rivalEdit(database, rival, f, k, op, `rival-${k}`);
              const { changes, validIds } = buildChanges(plan, f);
              const edits = buildEdits(plan, f, versions);
              const lateEdited = new Set<number>();
              const run = await runDevice(
                database,
                user,
                [...changes, ...edits],
                schedule,
                async () => {
                  for (const k of new Set(plan.rivalAfter.map((n) => n % REFERRALS))) {
                    const live = await database.db
                      .selectFrom("referrals")
                      .select("voided_at")
                      .where("id", "=", uuid(k, 8))
                      .executeTakeFirstOrThrow();
                    if (live.voided_at) continue;
                    await rivalEdit(database, rival, f, k, "update", `late-${k}`);
                    lateEdited.add(k);
                  }
                },
              );
              await checkEdits(database, plan, edits, run, lateEdited);
              // Only refused changes stay behind, for a person to fix: never a valid new record.
              expect(run.left.filter((id) => validIds.has(id))).toEqual([]);
              const state = await serverState(database);
              // Every valid new record once; the refused ones never.
              expect(state.rows).toHaveLength(validIds.size + 1);
              const created = state.receipts
                .map((r) => r.change_id)
                .filter((id) => validIds.has(id) || changes.some((c) => c.id === id));
              expect(created.sort()).toEqual([...validIds].sort());
              states.push(
                state.rows.map(
                  (r) =>
                    `${r.kind}:${r.id}:${r.content.replace(user.id, "USER").replace(f.siteA.communes[0]!, "COMMUNE")}`,
                ),
              );
            } finally {
              await database.close();
            }
          }
          expect(states[1]).toEqual(states[0]);
        },
      ),
      { numRuns: 12 },
    );
  });
});
