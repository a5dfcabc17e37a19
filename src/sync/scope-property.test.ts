// Property: for random records across two sites, their authors and their links (a contact at one
// site for a client of the other, distributions at contacts, participants of project-wide
// courses…), every role's pull holds exactly the records that role may read — and names no other —
// and every answer of a push about any of them shows nothing the pusher may not read: an update or
// a void of an unreadable record is answered exactly as one of a record that does not exist, a
// create under its id is refused without a word of it.
//
// "May read" is written out here from the rule as the project owners stated it (docs/security.md,
// "Who sees what"), not taken from policy.ts, so that the code is checked against the rule.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RecordType, SessionUser } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import type { UserRole } from "../db/schema.js";
import { newId } from "../lib/ids.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture, type ProjectFixture } from "../test-support/fixtures.js";
import { testPushOptions } from "../test-support/push.js";
import { insertUser } from "../test-support/users.js";
import type { ChangeResult, PulledChange, TPushRequest } from "./protocol.js";
import { pullChanges } from "./pull.js";
import { pushChanges } from "./push.js";
import { recordConfigs } from "./records.js";

const { now } = testPushOptions;

type Site = "A" | "B";
const accounts: { name: string; role: UserRole; sites: Site[] }[] = [
  { name: "admin", role: "administrator", sites: [] },
  { name: "officer", role: "programme_officer", sites: [] },
  { name: "coordinatorA", role: "site_coordinator", sites: ["A"] },
  { name: "coordinatorAB", role: "site_coordinator", sites: ["A", "B"] },
  { name: "workerA", role: "outreach_worker", sites: ["A"] },
  { name: "colleagueA", role: "outreach_worker", sites: ["A"] },
  { name: "workerB", role: "outreach_worker", sites: ["B"] },
  { name: "supervisorA", role: "supervisor", sites: ["A"] },
  { name: "supervisorB", role: "supervisor", sites: ["B"] },
];
/** Who recorded a record: any account that records work. */
const authors = accounts.filter((a) => a.role !== "supervisor").map((a) => a.name);

/** A record as the test made it: its type, its fields, who made it, at which site. */
interface Made {
  type: RecordType;
  record: Record<string, unknown>;
  by: string;
}

// --- The rule, as stated: who may read what. ---
interface Reader {
  name: string;
  role: UserRole;
  sites: Site[];
}
function mayRead(
  reader: Reader,
  made: Made,
  world: Map<string, Made>,
  siteOf: (id: unknown) => Site | "other",
): boolean {
  const everySite = reader.role === "administrator" || reader.role === "programme_officer";
  const atTheirSite = (siteId: unknown) =>
    everySite || (siteId !== null && reader.sites.includes(siteOf(siteId) as Site));
  const named = (id: unknown) => {
    if (id === null || id === undefined) return true;
    const other = world.get(id as string);
    return other !== undefined && mayRead(reader, other, world, siteOf);
  };
  const r = made.record;
  switch (made.type) {
    case "client":
      if (reader.role === "supervisor") return false;
      if (!atTheirSite(r.site_id)) return false;
      return reader.role !== "outreach_worker" || made.by === reader.name;
    case "contact":
    case "referral":
      return atTheirSite(r.site_id) && named(r.client_id);
    case "group_attendance":
      return atTheirSite(r.site_id) && named(r.client_id) && named(r.session_id);
    case "commodity_distribution":
      return (
        atTheirSite(r.site_id) &&
        named(r.client_id) &&
        named(r.contact_id) &&
        named(r.group_session_id)
      );
    case "group_session":
      return atTheirSite(r.site_id);
    case "training":
      // A course of no site is its project's: readable to everyone with a site in that project.
      if (r.site_id === null) return everySite || (r.project_id === "P" && reader.sites.length > 0);
      return atTheirSite(r.site_id);
    case "training_participant":
      return named(r.training_id);
    case "supervision_visit":
      return reader.role !== "outreach_worker" && atTheirSite(r.site_id);
  }
}

// --- Random worlds. ---
const site = fc.constantFrom<Site>("A", "B");
const by = fc.constantFrom(...authors);
const worldArbitrary = fc.record({
  clients: fc.array(fc.record({ site, by, voided: fc.boolean() }), { minLength: 1, maxLength: 6 }),
  sessions: fc.array(fc.record({ site, by }), { minLength: 1, maxLength: 3 }),
  contacts: fc.array(fc.record({ site, by, client: fc.nat() }), { maxLength: 6 }),
  attendances: fc.array(fc.record({ by, session: fc.nat(), client: fc.nat() }), { maxLength: 5 }),
  referrals: fc.array(fc.record({ site, by, client: fc.nat(), positive: fc.boolean() }), {
    maxLength: 5,
  }),
  distributions: fc.array(
    fc.record({
      site,
      by,
      client: fc.option(fc.nat()),
      contact: fc.option(fc.nat()),
      session: fc.option(fc.nat()),
    }),
    { maxLength: 5 },
  ),
  trainings: fc.array(fc.record({ by, where: fc.constantFrom("A", "B", "project", "other") }), {
    maxLength: 3,
  }),
  participants: fc.array(fc.record({ training: fc.nat(), staff: site }), { maxLength: 4 }),
  visits: fc.array(fc.record({ site, by }), { maxLength: 2 }),
});
type WorldPlan = typeof worldArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Builds the plan's records (as the test knows them: sites "A"/"B", projects "P"/"other"). */
function buildWorld(plan: WorldPlan): Made[] {
  const made: Made[] = [];
  const pick = <T>(list: T[], n: number) => list[n % list.length]!;
  const clients = plan.clients.map((c, i) => ({
    type: "client" as const,
    by: c.by,
    voided: c.voided,
    record: {
      id: newId(),
      site_id: c.site,
      uic: `PROP${c.site}${i}`,
      sex: "female",
      birth_year: 1980 + i,
      population_group: "partner_pwud",
      home_commune_id: null,
      registered_on: "2026-11-01",
    },
  }));
  const sessions = plan.sessions.map((s) => ({
    type: "group_session" as const,
    by: s.by,
    record: { id: newId(), site_id: s.site, held_on: "2026-11-02", commune_id: null, topic: "HIV" },
  }));
  const contacts = plan.contacts.map((c) => ({
    type: "contact" as const,
    by: c.by,
    record: {
      id: newId(),
      site_id: c.site,
      client_id: pick(clients, c.client).record.id,
      contact_date: "2026-11-03",
      commune_id: null,
      topics: [],
    },
  }));
  const pairs = new Set<string>();
  const attendances = plan.attendances.flatMap((a) => {
    const session = pick(sessions, a.session).record;
    const client = pick(clients, a.client).record;
    if (pairs.has(`${session.id}:${client.id}`)) return [];
    pairs.add(`${session.id}:${client.id}`);
    return [
      {
        type: "group_attendance" as const,
        by: a.by,
        record: {
          id: newId(),
          site_id: session.site_id,
          session_id: session.id,
          client_id: client.id,
        },
      },
    ];
  });
  const referrals = plan.referrals.map((r) => ({
    type: "referral" as const,
    by: r.by,
    record: {
      id: newId(),
      site_id: r.site,
      client_id: pick(clients, r.client).record.id,
      service: "hiv_test",
      facility: "TTYT",
      referred_on: "2026-11-04",
      arrived_on: "2026-11-05",
      result: r.positive ? "positive" : "negative",
      result_on: "2026-11-05",
    },
  }));
  const distributions = plan.distributions.map((d) => ({
    type: "commodity_distribution" as const,
    by: d.by,
    record: {
      id: newId(),
      site_id: d.site,
      item: "condom",
      quantity: 10,
      distributed_on: "2026-11-05",
      client_id: d.client === null ? null : pick(clients, d.client).record.id,
      contact_id:
        d.contact === null || contacts.length === 0 ? null : pick(contacts, d.contact).record.id,
      group_session_id: d.session === null ? null : pick(sessions, d.session).record.id,
    },
  }));
  const trainings = plan.trainings.map((t) => ({
    type: "training" as const,
    by: t.by,
    record: {
      id: newId(),
      project_id: t.where === "other" ? "other" : "P",
      site_id: t.where === "A" || t.where === "B" ? t.where : null,
      kind: "initial",
      title: "Course",
      starts_on: "2026-11-06",
      ends_on: "2026-11-07",
      venue: "",
    },
  }));
  const staffPairs = new Set<string>();
  const participants =
    trainings.length === 0
      ? []
      : plan.participants.flatMap((p) => {
          const training = pick(trainings, p.training).record;
          if (staffPairs.has(`${training.id}:${p.staff}`)) return [];
          staffPairs.add(`${training.id}:${p.staff}`);
          return [
            {
              type: "training_participant" as const,
              by: "admin",
              record: {
                id: newId(),
                site_id: training.site_id,
                training_id: training.id,
                staff_id: p.staff,
              },
            },
          ];
        });
  const visits = plan.visits.map((v) => ({
    type: "supervision_visit" as const,
    by: v.by,
    record: {
      id: newId(),
      site_id: v.site,
      visited_on: "2026-11-08",
      findings: "Test kits short",
      actions: "",
    },
  }));
  made.push(
    ...clients,
    ...sessions,
    ...contacts,
    ...attendances,
    ...referrals,
    ...distributions,
    ...trainings,
    ...participants,
    ...visits,
  );
  return made;
}

interface Setting {
  db: Db;
  f: ProjectFixture;
  users: Map<string, SessionUser>;
  otherProject: string;
}

/** The record's fields as stored: test names of sites, projects, staff and users made real. */
function stored(made: Made, setting: Setting): Record<string, unknown> {
  const { f } = setting;
  const real: Record<string, unknown> = { ...made.record };
  const siteIds = { A: f.siteA.id, B: f.siteB.id } as Record<string, string>;
  if (typeof real.site_id === "string") real.site_id = siteIds[real.site_id];
  if (made.type === "training")
    real.project_id = real.project_id === "P" ? f.projectId : setting.otherProject;
  if (made.type === "training_participant")
    real.staff_id = real.staff_id === "A" ? f.staffA : f.staffB;
  return real;
}

async function insertWorld(world: Made[], setting: Setting) {
  for (const made of world) {
    const row = {
      ...stored(made, setting),
      created_by: setting.users.get(made.by)!.id,
      ...((made as { voided?: boolean }).voided
        ? { voided_at: new Date("2026-11-10T00:00:00Z"), void_reason: "registered twice" }
        : {}),
    };
    await setting.db
      .insertInto(recordConfigs[made.type].table)
      .values(row as never)
      .execute();
  }
}

async function pullAll(db: Db, user: SessionUser): Promise<PulledChange[]> {
  const changes: PulledChange[] = [];
  let cursor = 0;
  for (;;) {
    const page = await pullChanges(db, user, { cursor, limit: 7, now });
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.more) return changes;
  }
}

/** Fields that name another synced record. */
const namingFields = ["client_id", "contact_id", "session_id", "group_session_id", "training_id"];

/** A field a person may change, changed: the content a probe sends under a record's id. */
function altered(made: Made, real: Record<string, unknown>): Record<string, unknown> {
  const changes: Partial<Record<RecordType, Record<string, unknown>>> = {
    client: { population_group: "other" },
    contact: { topics: ["other"] },
    group_session: { topic: "Changed" },
    referral: { facility: "Changed" },
    commodity_distribution: { quantity: 11 },
    training: { venue: "Changed" },
    supervision_visit: { findings: "Changed" },
  };
  return { ...real, ...(changes[made.type] ?? {}) };
}

const withoutId = ({ id: _id, ...rest }: ChangeResult) => rest;

describe("who sees what, for random records across sites, authors and links", () => {
  it("gives every role exactly the records it may read, and shows none other in any push answer", {
    timeout: 900_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(worldArbitrary, async (plan) => {
        const database = await openTestDatabase();
        try {
          const db = database.db;
          const f = await insertProjectFixture(db, "scope");
          const other = await db
            .insertInto("projects")
            .values({
              slug: "other",
              implementer_id: f.organisationId,
              status: "draft",
              starts_on: "2026-01-01",
              ends_on: "2026-12-31",
              name_vi: "Dự án khác",
              name_en: "Other project",
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          const users = new Map<string, SessionUser>();
          for (const account of accounts) {
            const sites = account.sites.map((s) => (s === "A" ? f.siteA.id : f.siteB.id));
            users.set(account.name, await insertUser(db, account.role, { siteIds: sites }));
          }
          const setting: Setting = { db, f, users, otherProject: other.id };
          const world = buildWorld(plan);
          await insertWorld(world, setting);
          const byId = new Map(world.map((m) => [m.record.id as string, m]));
          const siteOf = (id: unknown) =>
            id === f.siteA.id || id === "A" ? "A" : id === f.siteB.id || id === "B" ? "B" : "other";

          // Pulls first (pushes below change records).
          for (const account of accounts) {
            const user = users.get(account.name)!;
            const pulled = await pullAll(db, user);
            const got = pulled.map((c) => `${c.type}:${c.record.id}`).sort();
            const expected = world
              .filter((m) => mayRead(account, m, byId, siteOf))
              .map((m) => `${m.type}:${m.record.id}`)
              .sort();
            expect(got, `${account.name}'s pull`).toEqual(expected);
            const readableIds = new Set(pulled.map((c) => c.record.id));
            for (const change of pulled)
              for (const field of namingFields) {
                const named = change.record[field];
                if (typeof named === "string")
                  expect(readableIds.has(named), `${account.name}: ${change.type}.${field}`).toBe(
                    true,
                  );
              }
          }

          // Then, for each role, one push probing every record: a create under its id, an update
          // or a void of it — and the same update or void of an id that does not exist.
          for (const account of accounts) {
            const user = users.get(account.name)!;
            const changes: TPushRequest["changes"] = [];
            const probes: { made: Made; op: string; at: number; ghostAt?: number }[] = [];
            for (const [n, made] of world.entries()) {
              const real = stored(made, setting);
              const version = Number(
                (
                  await db
                    .selectFrom(recordConfigs[made.type].table)
                    .select("version")
                    .where("id", "=", real.id as string)
                    .executeTakeFirstOrThrow()
                ).version,
              );
              probes.push({ made, op: "create", at: changes.length });
              changes.push({
                id: newId(),
                type: made.type,
                op: "create",
                record: altered(made, real),
                base_version: null,
              });
              const op = n % 2 === 0 ? "update" : "void";
              const change = (id: string) => ({
                id: newId(),
                type: made.type,
                op,
                record:
                  op === "void" ? { id, void_reason: "probing" } : { ...altered(made, real), id },
                base_version: version,
              });
              probes.push({ made, op, at: changes.length, ghostAt: changes.length + 1 });
              changes.push(change(real.id as string), change(newId()));
            }
            const { results } = await pushChanges(
              db,
              user,
              { device_id: newId(), changes },
              testPushOptions,
            );
            for (const probe of probes) {
              const answer = results[probe.at]!;
              const label = `${account.name} ${probe.op} ${probe.made.type}`;
              const readable = mayRead(account, probe.made, byId, siteOf);
              if (answer.server_record) {
                expect(readable, label).toBe(true);
                for (const field of namingFields) {
                  const named = answer.server_record[field];
                  if (typeof named === "string") {
                    const other = byId.get(named)!;
                    expect(mayRead(account, other, byId, siteOf), `${label}.${field}`).toBe(true);
                  }
                }
              }
              if (readable) continue;
              if (probe.ghostAt !== undefined) {
                expect(withoutId(answer), label).toEqual(withoutId(results[probe.ghostAt]!));
              } else {
                expect(["id_taken", "outside_scope"], label).toContain(answer.code);
                expect(answer.status, label).toBe("rejected");
              }
            }
            // And no answer holds a code of a client the pusher may not read.
            const text = JSON.stringify(results);
            for (const made of world)
              if (made.type === "client" && !mayRead(account, made, byId, siteOf))
                expect(text, `${account.name}`).not.toContain(made.record.uic as string);
          }
        } finally {
          await database.close();
        }
      }),
      { numRuns: Number(process.env.SCOPE_RUNS ?? 8) },
    );
  });
});
