// Nothing a push answers is about a record the pusher may not read (docs/security.md, "Who sees
// what"): for each record type, a create under the id of another site's record (or of a
// colleague's client's record) shows nothing of it and writes nothing, and an update or a void of
// it is answered exactly as one of a record that does not exist.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordType, SessionUser } from "../auth/policy.js";
import type { Database } from "../db/connection.js";
import { newId } from "../lib/ids.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { pushFromNewDevice } from "../test-support/push.js";
import { insertUser } from "../test-support/users.js";
import type { ChangeResult, TPushRequest } from "./protocol.js";
import { recordConfigs } from "./records.js";

let database: Database;
let f: ProjectFixture;
let workerA: SessionUser;
let colleagueA: SessionUser;
let coordinatorA: SessionUser;
let coordinatorB: SessionUser;

type Change = TPushRequest["changes"][number];
const push = (user: SessionUser, changes: Change[]) =>
  pushFromNewDevice(database.db, user, changes);
const create = (type: RecordType, record: Record<string, unknown>): Change => ({
  id: newId(),
  type,
  op: "create",
  record,
  base_version: null,
});

/** A whole set of records at a site, one of each type, as `type → record`. */
function recordsAt(
  site: { id: string; communes: string[] },
  staffId: string,
  uic: string,
): Record<RecordType, Record<string, unknown>> {
  const client = {
    id: newId(),
    site_id: site.id,
    uic,
    sex: "female",
    birth_year: 1988,
    population_group: "partner_pwud",
    registered_on: "2026-11-01",
  };
  const contact = {
    id: newId(),
    site_id: site.id,
    client_id: client.id,
    contact_date: "2026-11-02",
    commune_id: site.communes[0],
  };
  const session = { id: newId(), site_id: site.id, held_on: "2026-11-03", topic: "PrEP" };
  const training = {
    id: newId(),
    project_id: f.projectId,
    site_id: site.id,
    kind: "coaching",
    title: "Coaching round",
    starts_on: "2026-11-04",
    ends_on: "2026-11-04",
  };
  return {
    client,
    contact,
    group_session: session,
    group_attendance: {
      id: newId(),
      site_id: site.id,
      session_id: session.id,
      client_id: client.id,
    },
    referral: {
      id: newId(),
      site_id: site.id,
      client_id: client.id,
      service: "hiv_test",
      facility: "TTYT",
      referred_on: "2026-11-02",
      arrived_on: "2026-11-05",
      result: "positive",
    },
    commodity_distribution: {
      id: newId(),
      site_id: site.id,
      item: "condom",
      quantity: 12,
      distributed_on: "2026-11-02",
      client_id: client.id,
      contact_id: contact.id,
    },
    training,
    training_participant: {
      id: newId(),
      site_id: site.id,
      training_id: training.id,
      staff_id: staffId,
    },
    supervision_visit: {
      id: newId(),
      site_id: site.id,
      visited_on: "2026-11-06",
      findings: "Stock-outs of test kits",
    },
  };
}

/** Every type's record at site B (the coordinator's), and a colleague's client's records at A. */
let atB: Record<RecordType, Record<string, unknown>>;
let colleagues: Record<RecordType, Record<string, unknown>>;
/** The worker's own records at site A: what they would send, pointing at what they may read. */
let ownA: Record<RecordType, Record<string, unknown>>;
const versions = new Map<string, number>();

async function pushAll(user: SessionUser, records: Record<RecordType, Record<string, unknown>>) {
  const changes = Object.entries(records).map(([type, record]) =>
    create(type as RecordType, record),
  );
  const results = await push(user, changes);
  expect(results.map((r) => r.status)).toEqual(changes.map(() => "applied"));
  changes.forEach((c, i) => {
    versions.set((c.record as { id: string }).id, results[i]!.version!);
  });
}

beforeAll(async () => {
  database = await openTestDatabase();
  f = await insertProjectFixture(database.db);
  workerA = await insertUser(database.db, "outreach_worker", {
    siteIds: [f.siteA.id],
    staffId: f.staffA,
  });
  colleagueA = await insertUser(database.db, "outreach_worker", { siteIds: [f.siteA.id] });
  coordinatorA = await insertUser(database.db, "site_coordinator", { siteIds: [f.siteA.id] });
  coordinatorB = await insertUser(database.db, "site_coordinator", { siteIds: [f.siteB.id] });
  atB = recordsAt(f.siteB, f.staffB, "DBCLIENT285");
  await pushAll(coordinatorB, atB);
  colleagues = recordsAt(f.siteA, f.staffA, "COLLEAGUE285");
  const {
    training: _t,
    training_participant: _p,
    supervision_visit: _s,
    ...fieldWork
  } = colleagues;
  await pushAll(colleagueA, fieldWork as typeof colleagues);
  // The worker's own field work at site A (trainings and visits are not theirs to record).
  ownA = recordsAt(f.siteA, f.staffA, "WORKERS285");
  const { training: _t2, training_participant: _p2, supervision_visit: _s2, ...own } = ownA;
  await pushAll(workerA, own as typeof ownA);
});
afterAll(async () => database.close());

/** What the pusher would send under `id`: their own valid record of that type at site A. */
function theirOwn(type: RecordType, id: string): Record<string, unknown> {
  const fresh = { ...ownA[type], id };
  if (type === "client") return { ...fresh, uic: `FRESH${id.slice(-6).toUpperCase()}` };
  return fresh;
}

const stored = async (type: RecordType, id: string) =>
  database.db
    .selectFrom(recordConfigs[type].table)
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

/** The answer without the change's own id, to compare answers of two changes. */
const withoutId = ({ id: _id, ...rest }: ChangeResult) => rest;

/** Records the worker may not read: all of site B's, and their colleague's client's records. */
const hidden = () => [
  ...Object.entries(atB).map(([type, record]) => ({ from: "site B", type, record })),
  ...["client", "contact", "group_attendance", "referral", "commodity_distribution"].map(
    (type) => ({ from: "a colleague's client", type, record: colleagues[type as RecordType] }),
  ),
];

describe("a push never shows a record its pusher may not read", () => {
  for (const who of ["worker", "coordinator"] as const) {
    it(`refuses a ${who}'s create under the id of a record they may not read, naming nothing of it`, async () => {
      const user = who === "worker" ? workerA : coordinatorA;
      for (const { from, type, record } of hidden()) {
        if (who === "coordinator" && from !== "site B") continue;
        const id = record.id as string;
        const before = await stored(type as RecordType, id);
        const [answer] = await push(user, [
          create(type as RecordType, theirOwn(type as RecordType, id)),
        ]);
        const label = `${type} of ${from}`;
        if (answer!.code === "outside_scope") {
          // A type this role may not write: refused before any record is looked at.
          const [fresh] = await push(user, [
            create(type as RecordType, theirOwn(type as RecordType, newId())),
          ]);
          expect(withoutId(answer!), label).toEqual(withoutId(fresh!));
        } else {
          expect(answer, label).toEqual({
            id: answer!.id,
            status: "rejected",
            code: "id_taken",
            field: "id",
            message: "id_taken:id",
          });
        }
        expect(await stored(type as RecordType, id), label).toEqual(before);
      }
    });

    it(`answers a ${who}'s update or void of such a record as one of a record that does not exist`, async () => {
      const user = who === "worker" ? workerA : coordinatorA;
      for (const { from, type, record } of hidden()) {
        if (who === "coordinator" && from !== "site B") continue;
        const id = record.id as string;
        const label = `${type} of ${from}`;
        const base = versions.get(id)!;
        const ghost = newId();
        for (const op of ["update", "void"] as const) {
          const change = (target: string): Change => ({
            id: newId(),
            type,
            op,
            record:
              op === "void"
                ? { id: target, void_reason: "not mine to void" }
                : theirOwn(type as RecordType, target),
            base_version: base,
          });
          const [answer, nothing] = await push(user, [change(id), change(ghost)]);
          expect(withoutId(answer!), `${op} ${label}`).toEqual(withoutId(nothing!));
          expect(JSON.stringify(answer)).not.toMatch(/positive|DBCLIENT|COLLEAGUE|Stock-outs/);
        }
        expect((await stored(type as RecordType, id)).version, label).toBe(base);
      }
    });
  }

  it("still answers conflict with the server's copy of a record the pusher may read", async () => {
    const referral = ownA.referral;
    const base = versions.get(referral.id as string)!;
    const [edited] = await push(coordinatorA, [
      {
        id: newId(),
        type: "referral",
        op: "update",
        record: { ...referral, facility: "Bệnh viện tỉnh" },
        base_version: base,
      },
    ]);
    expect(edited!.status).toBe("applied");
    const [stale] = await push(workerA, [
      {
        id: newId(),
        type: "referral",
        op: "update",
        record: { ...referral, facility: "TTYT huyện" },
        base_version: base,
      },
    ]);
    expect(stale).toMatchObject({
      status: "conflict",
      version: edited!.version,
      server_record: { id: referral.id, facility: "Bệnh viện tỉnh" },
    });
  });
});
