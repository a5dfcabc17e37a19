// Generates the large programme into an empty, migrated database: draws each table's records from
// its own seeded generator (the same seed and scale give the same rows, ids included, on any
// machine), inserts them in bulk, then VACUUM ANALYZE so the planner and the visibility map are as
// they would be on a database that has been running for a while.
import type { Insertable } from "kysely";
import type { Database, Db } from "../../src/db/connection.js";
import type { DB } from "../../src/db/schema.js";
import { Random, seedFor } from "../../src/demo/random.js";
import { drawAttendances, drawDistributions, drawReferrals, drawSessions } from "./activities.js";
import { insertRows, type LoadStat, type TableRows } from "./load.js";
import { drawClients, drawContacts } from "./people.js";
import { setUpProgramme } from "./setup.js";
import { programmeSize } from "./size.js";
import {
  attendanceRows,
  clientRows,
  contactRows,
  distributionRows,
  referralRows,
  sessionRows,
} from "./tables.js";
import { drawTargets, drawTeamWork } from "./team-work.js";

export interface GenerationReport {
  scale: number;
  seed: number;
  tables: LoadStat[];
  vacuumMs: number;
  totalMs: number;
}

const SMALL_CHUNK = 1_000;

async function insertObjects<T extends keyof DB>(db: Db, table: T, rows: Insertable<DB[T]>[]) {
  const started = performance.now();
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.length; start += SMALL_CHUNK) {
      // Kysely cannot relate a generic table name to its row type; the signature ties them.
      await trx
        .insertInto(table)
        .values(rows.slice(start, start + SMALL_CHUNK) as never)
        .execute();
    }
  });
  return performance.now() - started;
}

export async function generateProgramme(
  database: Database,
  options: { scale: number; seed: number },
  log: (line: string) => void = console.log,
): Promise<GenerationReport> {
  const started = performance.now();
  const size = programmeSize(options.scale);
  const randomFor = (part: string) =>
    new Random(seedFor(`indicators-bench:${options.seed}:${part}`));
  const db = database.db;
  const tables: LoadStat[] = [];
  const record = (table: string, rows: number, drawMs: number, insertMs: number) => {
    tables.push({ table, rows, drawMs, insertMs });
    const perSecond = Math.round(rows / (insertMs / 1000));
    log(
      `${table.padEnd(24)} ${String(rows).padStart(9)} rows  drawn ${(drawMs / 1000).toFixed(1).padStart(5)} s  inserted ${(insertMs / 1000).toFixed(1).padStart(5)} s  ${String(perSecond).padStart(7)} rows/s`,
    );
  };
  /** Draws records (timed), then inserts their rows (timed). */
  const step = async <T>(draw: () => T, rows: (drawn: T) => TableRows): Promise<T> => {
    const t0 = performance.now();
    const drawn = draw();
    const table = rows(drawn);
    const drawMs = performance.now() - t0;
    record(table.table, table.count, drawMs, await insertRows(db, table));
    return drawn;
  };

  let t0 = performance.now();
  const programme = await setUpProgramme(db, size, randomFor("setup"));
  record(
    "(frame: project, sites, staff)",
    programme.sites.length + programme.staff.length,
    0,
    performance.now() - t0,
  );

  const clients = await step(
    () => drawClients(randomFor("clients"), programme),
    (c) => clientRows(programme, c),
  );
  const contacts = await step(
    () => drawContacts(randomFor("contacts"), programme, clients),
    (x) => contactRows(programme, clients, x),
  );
  const sessions = await step(
    () => drawSessions(randomFor("sessions"), programme),
    (g) => sessionRows(programme, g),
  );
  const attendances = await step(
    () => drawAttendances(randomFor("attendances"), programme, clients, sessions),
    (a) => attendanceRows(programme, clients, sessions, a),
  );
  const referrals = await step(
    () => drawReferrals(randomFor("referrals"), programme, contacts),
    (r) => referralRows(programme, clients, r),
  );
  const distributions = await step(
    () => drawDistributions(randomFor("distributions"), programme, contacts, sessions),
    (d) => distributionRows(programme, clients, contacts, sessions, d),
  );

  t0 = performance.now();
  const work = drawTeamWork(randomFor("team-work"), programme);
  const workMs = performance.now() - t0;
  record(
    "trainings",
    work.trainings.length,
    workMs,
    await insertObjects(db, "trainings", work.trainings),
  );
  record(
    "training_participants",
    work.participants.length,
    0,
    await insertObjects(db, "training_participants", work.participants),
  );
  record(
    "supervision_visits",
    work.visits.length,
    0,
    await insertObjects(db, "supervision_visits", work.visits),
  );
  t0 = performance.now();
  const records = { clients, contacts, sessions, attendances, referrals, distributions };
  const targets = drawTargets(randomFor("targets"), programme, records);
  const targetsMs = performance.now() - t0;
  record("targets", targets.length, targetsMs, await insertObjects(db, "targets", targets));

  t0 = performance.now();
  await database.execScript("vacuum analyze");
  const vacuumMs = performance.now() - t0;
  const totalMs = performance.now() - started;
  log(
    `vacuum analyze ${(vacuumMs / 1000).toFixed(1)} s; generated in ${(totalMs / 1000).toFixed(1)} s`,
  );
  return { scale: options.scale, seed: options.seed, tables, vacuumMs, totalMs };
}
