// Property: however a device's batches are repeated, reordered, split, and their answers lost, and
// whichever changes are refused, the server ends with every valid change applied exactly once —
// the same state for every schedule.
import fc from "fast-check";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/policy.js";
import type { Database } from "../db/connection.js";
import { deriveKey } from "../lib/crypto.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { insertUser } from "../test-support/users.js";
import type { TPushRequest } from "./protocol.js";
import { pushChanges } from "./push.js";

const key = deriveKey("a test secret that is long enough to use", "client-details");
const now = new Date("2026-11-23T03:00:00Z");

type Change = TPushRequest["changes"][number];

/** A deterministic id from a number, so two runs build the same changes. */
const uuid = (n: number, kind: number) =>
  `0190a000-0000-7000-8${kind.toString(16).padStart(3, "0")}-${n.toString(16).padStart(12, "0")}`;

interface Plan {
  clients: number;
  contacts: { client: number; day: number }[];
  invalid: number[];
}

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

interface Attempt {
  picks: number[];
  dropAnswer: boolean;
}

/** A device: it sends what is still in its outbox (plus stale repeats) and forgets a change only on an answer. */
async function runDevice(
  database: Database,
  user: SessionUser,
  changes: Change[],
  attempts: Attempt[],
) {
  const outbox = new Map(changes.map((c) => [c.id, c]));
  const send = async (batch: Change[]) =>
    (
      await pushChanges(
        database.db,
        user,
        { device_id: uuid(0, 9), changes: batch },
        { now, clientDetailsKey: key, describe: (r) => r.code },
      )
    ).results;
  for (const attempt of attempts) {
    const batch = attempt.picks.map((p) => changes[p % changes.length]!);
    const results = await send(batch);
    if (attempt.dropAnswer) continue;
    for (const r of results)
      if (r.status === "applied" || r.status === "duplicate") outbox.delete(r.id);
  }
  // Back online for good: flush the outbox in its order until nothing more can be applied.
  for (let round = 0; round < 5 && outbox.size > 0; round++) {
    const results = await send([...outbox.values()]);
    for (const r of results)
      if (r.status === "applied" || r.status === "duplicate") outbox.delete(r.id);
  }
  return [...outbox.keys()];
}

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

const planArbitrary = fc.record({
  clients: fc.integer({ min: 1, max: 5 }),
  contacts: fc.array(fc.record({ client: fc.nat(), day: fc.nat() }), { maxLength: 8 }),
  invalid: fc.array(fc.nat(), { maxLength: 3 }),
});
const scheduleArbitrary = fc.array(
  fc.record({
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
    dropAnswer: fc.boolean(),
  }),
  { maxLength: 6 },
);

describe("sync convergence", () => {
  it("applies every valid change exactly once, whatever the schedule", {
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
              const { changes, validIds } = buildChanges(plan, f);
              const left = await runDevice(database, user, changes, schedule);
              // Only the invalid changes stay behind, for a person to fix.
              expect(left.filter((id) => validIds.has(id))).toEqual([]);
              const state = await serverState(database);
              expect(state.rows).toHaveLength(validIds.size);
              expect(state.receipts.map((r) => r.change_id).sort()).toEqual([...validIds].sort());
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
