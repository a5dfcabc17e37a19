// Backup and restore on the engine under test (PGlite, or PostgreSQL with TEST_DATABASE_URL): the
// demo with clients' encrypted details and pg-boss's tables in use is backed up; whatever is then
// changed, added, voided or deleted, a restore gives back every row of every table, every column,
// and every sequence, exactly; a damaged file, a newer backup, a wrong secret or a database that
// refuses the data leave the database as it was.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform } from "node:stream";
import { finished } from "node:stream/promises";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type Db, openMemoryDatabase } from "../db/connection.js";
import { migrate, migrationLabel, readMigrations } from "../db/migrate.js";
import { loadDemo } from "../demo/service.js";
import { recordBankLine } from "../donations/bank-lines.js";
import { createPledge } from "../donations/service.js";
import { createJobRunner } from "../jobs/runner.js";
import { deriveKey } from "../lib/crypto.js";
import { newId } from "../lib/ids.js";
import { uploadImage } from "../media/service.js";
import { sealClientDetails } from "../people/details.js";
import { indexDocuments } from "../search/service.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase, testDatabaseUrl } from "../test-support/database.js";
import { photoWithGps } from "../test-support/images.js";
import { memoryLog, testJobRunnerOptions, waitFor } from "../test-support/jobs.js";
import { fillNewsletterTables } from "../test-support/newsletter.js";
import { type DatabaseSnapshot, snapshotDatabase } from "../test-support/snapshot.js";
import { writeBackup } from "./backup.js";
import { BackupError } from "./errors.js";
import { readBackupHeader, type TBackupHeader, writeBackupFile } from "./format.js";
import { restoreBackup } from "./restore.js";

const detailsKey = deriveKey(testSecret, "client-details");
const otherKey = deriveKey(
  "another secret, long enough, of another installation",
  "client-details",
);
const tempDir = mkdtempSync(path.join(tmpdir(), "peerlink-backup-"));
let fileCount = 0;
const newFile = () => path.join(tempDir, `backup-${++fileCount}.jsonl.gz`);

async function backUp(database: Database, file = newFile(), tap?: Transform): Promise<string> {
  await writeBackupFile(file, async (body) => {
    if (!tap) return writeBackup(database.db, database.engine, body);
    tap.pipe(body);
    return writeBackup(database.db, database.engine, tap);
  });
  return file;
}

/** Three clients get a sealed name or phone, as the app stores them. */
async function sealSomeDetails(db: Db): Promise<void> {
  const clients = await db.selectFrom("clients").select("id").orderBy("id").limit(3).execute();
  const details = [
    { name: "Lò Thị Hoa" },
    { phone: "0912345678" },
    { name: "Quàng Văn Ơn", phone: "0987654321" },
  ];
  for (const [i, { id }] of clients.entries()) {
    await db
      .updateTable("clients")
      .set(sealClientDetails(detailsKey, id, details[i]!))
      .where("id", "=", id)
      .execute();
  }
}

/** pg-boss's schema with a queue and a job done, as a running server leaves them. */
async function runAJob(database: Database): Promise<void> {
  const jobs = createJobRunner(
    database,
    [
      {
        queue: "backup-test",
        retryLimit: 0,
        retryDelaySeconds: 0,
        expireInSeconds: 60,
        handle: async () => {},
      },
    ],
    testJobRunnerOptions,
  );
  await jobs.start(memoryLog().log);
  try {
    await jobs.send(database.db, "backup-test", { n: 1 });
    await waitFor(async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pgboss.job where state = 'completed'`.execute(database.db);
      return rows[0]!.n > 0 ? true : undefined;
    }, "the job to complete");
  } finally {
    await jobs.stop();
  }
}

/**
 * Rows in the tables the demo leaves empty — sessions, devices, receipts, throttling, the audit log
 * (an identity column), a finished export (its file as bytea, its parameters as jsonb), and pg-boss's
 * archive, schedule and subscription (intervals, its enum), a document of site search (a tsvector)
 * — so every column type makes the trip.
 */
async function fillEmptyTables(db: Db): Promise<void> {
  const user = await db
    .selectFrom("users")
    .select("id")
    .orderBy("username")
    .executeTakeFirstOrThrow();
  const project = await db.selectFrom("projects").select("id").executeTakeFirstOrThrow();
  const later = new Date("2031-01-01T00:00:00.123456Z");
  await db
    .insertInto("sessions")
    .values({ token_hash: "a".repeat(64), user_id: user.id, csrf_token: "csrf", expires_at: later })
    .execute();
  const device = newId();
  await db
    .insertInto("devices")
    .values({ id: device, user_id: user.id, last_push_at: later })
    .execute();
  await db
    .insertInto("sync_receipts")
    .values({
      change_id: newId(),
      user_id: user.id,
      record_type: "contact",
      record_id: newId(),
      content_hash: "b".repeat(64),
      status: "applied",
      version: 7,
    })
    .execute();
  await db
    .insertInto("login_throttles")
    .values({
      kind: "address",
      key: "192.0.2.1",
      level: 3,
      updated_at: new Date(),
      last_failure_at: new Date(),
      blocked_until: null,
    })
    .execute();
  await db
    .insertInto("audit_log")
    .values({
      at: new Date(),
      actor_id: user.id,
      address: "192.0.2.1",
      action: "client_details.read",
      target_type: "client",
      target_id: newId(),
      details: JSON.stringify({ reason: "kiểm tra" }),
    })
    .execute();
  await db
    .insertInto("exports")
    .values({
      id: newId(),
      project_id: project.id,
      kind: "csv",
      params: JSON.stringify({ period: "2011Q3", sites: [], lang: "vi" }),
      requested_by: user.id,
      status: "done",
      progress: 100,
      progress_values: JSON.stringify({ rows: 12 }),
      file_name: "báo-cáo.csv",
      content_type: "text/csv",
      size_bytes: 5,
      content: Buffer.from([0, 1, 2, 0x5c, 0xff]),
      expires_at: later,
    })
    .execute();
  await indexDocuments(db, [
    {
      kind: "project",
      ref: "dien-bien",
      locale: "vi",
      url: "/vi/du-an/dien-bien",
      title: "Dự án tại Điện Biên",
      body: "Tiếp cận cộng đồng: 'trích dẫn' và \\ gạch chéo.",
      publishedAt: later,
      projectSlug: "dien-bien",
    },
  ]);
  await sql`insert into pgboss.archive select j.*, now() from pgboss.job j`.execute(db);
  await sql`insert into pgboss.schedule (name, cron, timezone, data, options)
    values ('backup-test', '0 2 * * *', 'Asia/Ho_Chi_Minh', '{"a": [1, "hai"]}', '{}')`.execute(db);
  await sql`insert into pgboss.subscription (event, name) values ('backup-event', 'backup-test')`.execute(
    db,
  );
  // The mail queue and the newsletter: encrypted addresses (bytea), text[] topics, jsonb bodies.
  await fillNewsletterTables(db, user.id);
  // An image and its variants: bytes in bytea columns, restored to the byte.
  await uploadImage(
    db,
    {
      bytes: await photoWithGps({ width: 400, height: 300 }),
      alt: { vi: "Buổi sinh hoạt nhóm", en: "A group meeting" },
    },
    user.id,
    () => later,
  );
  // A news post's old slug, kept for its 301.
  const post = await db
    .selectFrom("content_items")
    .select(["id", "kind"])
    .where("kind", "=", "news")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("content_slug_history")
    .values({
      kind: post.kind,
      locale: "vi",
      slug: "ten-cu",
      item_id: post.id,
      retired_at: new Date(),
    })
    .execute();
  // A gift by bank transfer, matched by its reference: a pledge, a bank line, the gift, the year's
  // receipt counter, and its ledger transaction and entries; a refused gateway call.
  const pledge = await createPledge(
    { db, detailsKey: deriveKey(testSecret, "donor-details"), now: () => new Date() },
    {
      projectId: project.id,
      amount: 200_000,
      method: "vietqr",
      locale: "vi",
      named: false,
      name: null,
      email: null,
    },
  );
  await recordBankLine(
    db,
    {
      source: "sepay",
      providerId: "92704",
      bankReference: "MBVCB.3278907687",
      bookedOn: "2026-12-05",
      amount: 200_000,
      content: `${pledge.reference} UNG HO`,
    },
    new Date(),
  );
  await db
    .insertInto("donation_gateway_events")
    .values({ id: newId(), gateway: "vnpay", outcome: "invalid_signature", reference: null })
    .execute();
}

/** Changes of every kind, through the tables' own triggers: what a restore must undo. */
async function changeEverything(db: Db): Promise<void> {
  const client = await db
    .selectFrom("clients")
    .select(["id", "site_id"])
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const referenced = db
    .selectFrom("commodity_distributions")
    .select("contact_id")
    .where("contact_id", "is not", null);
  const [kept, voided, deleted] = await db
    .selectFrom("contacts")
    .select(["id", "client_id"])
    .where("id", "not in", referenced)
    .orderBy("id")
    .limit(3)
    .execute();
  // Edited: a client's code (its suspected duplicates follow), a user, a target.
  await db.updateTable("clients").set({ uic: "ZZEDITED99" }).where("id", "=", client.id).execute();
  await db.updateTable("users").set({ display_name: "Renamed" }).execute();
  await db.updateTable("targets").set({ value: 1 }).execute();
  // Voided: a contact, a client (the reach tables and tallies are recomputed).
  await db
    .updateTable("contacts")
    .set({ voided_at: new Date(), void_reason: "test" })
    .where("id", "=", voided!.id)
    .execute();
  await db
    .updateTable("clients")
    .set({ voided_at: new Date(), void_reason: "test" })
    .where("id", "=", kept!.client_id)
    .execute();
  // Deleted outright: a contact, an attendance, a training participant, the sessions' table.
  await db.deleteFrom("contacts").where("id", "=", deleted!.id).execute();
  const attendance = await db
    .selectFrom("group_attendances")
    .select("id")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  await db.deleteFrom("group_attendances").where("id", "=", attendance.id).execute();
  await db
    .deleteFrom("training_participants")
    .where(
      "id",
      "=",
      (await db.selectFrom("training_participants").select("id").executeTakeFirstOrThrow()).id,
    )
    .execute();
  await db.deleteFrom("site_communes").execute();
  // Added: a client and its contact, audit entries (their identity sequence moves), versions.
  const added = newId();
  await db
    .insertInto("clients")
    .values({
      id: added,
      site_id: client.site_id,
      uic: "ADDED0001",
      sex: "male",
      birth_year: 1990,
      population_group: "pwud",
      registered_on: "2011-09-01",
    })
    .execute();
  await db
    .insertInto("contacts")
    .values({ id: newId(), site_id: client.site_id, client_id: added, contact_date: "2011-09-01" })
    .execute();
  await db
    .insertInto("audit_log")
    .values({ at: new Date(), action: "test", target_type: "client", target_id: added })
    .execute();
  await sql`select nextval('record_version') from generate_series(1, 10)`.execute(db);
  // pg-boss: its jobs gone, a queue more (with its partition).
  await sql`delete from pgboss.job`.execute(db);
  await sql`delete from pgboss.archive`.execute(db);
  await db.deleteFrom("exports").execute();
  await db.deleteFrom("sessions").execute();
  await sql`select pgboss.create_queue('added-after-backup', '{}'::json)`.execute(db);
}

/** A backup's header and body lines, to make altered copies of it. */
function unpack(file: string): { header: TBackupHeader; lines: string[] } {
  const [first, ...lines] = gunzipSync(readFileSync(file)).toString("utf8").split("\n");
  return { header: JSON.parse(first!), lines: lines.slice(0, -1) };
}

/**
 * Writes a backup with these header fields and body lines, its counts and checksum made to agree
 * (a well-formed file whose content is what the test wants).
 */
async function repack(header: TBackupHeader, lines: string[]): Promise<string> {
  const body = Buffer.from(lines.map((l) => `${l}\n`).join(""));
  const tables: TBackupHeader["tables"] = [];
  for (const line of lines) {
    if (line.startsWith("{")) tables.push({ name: JSON.parse(line).table, rows: 0 });
    else tables.at(-1)!.rows++;
  }
  const file = newFile();
  await writeBackupFile(file, async (out) => {
    out.end(gzipSync(body));
    await finished(out);
    return {
      ...header,
      tables,
      body: { sha256: createHash("sha256").update(body).digest("hex"), bytes: body.length },
    };
  });
  return file;
}

async function expectRefused(
  database: Database,
  file: string,
  code: string,
  message: RegExp,
  options: Partial<Parameters<typeof restoreBackup>[2]> = {},
) {
  const before = await snapshotDatabase(database.db);
  const error = await restoreBackup(database, file, {
    detailsKey,
    replace: true,
    ...options,
  }).catch((e) => e);
  expect(error).toBeInstanceOf(BackupError);
  expect(error).toMatchObject({ code });
  expect(error.message).toMatch(message);
  expect(await snapshotDatabase(database.db)).toEqual(before);
}

afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function expectSame(actual: DatabaseSnapshot, expected: DatabaseSnapshot) {
  expect(Object.keys(actual.tables).sort()).toEqual(Object.keys(expected.tables).sort());
  for (const table of Object.keys(expected.tables)) {
    expect(actual.tables[table], table).toEqual(expected.tables[table]);
  }
  expect(actual.sequences).toEqual(expected.sequences);
}

// A fresh PGlite database, the demo and whole restores take tens of seconds on a busy machine.
describe("backup and restore", { timeout: 240_000 }, () => {
  let source: Database;
  let file: string;
  let backedUp: DatabaseSnapshot;
  const targets: Database[] = [];

  beforeAll(async () => {
    source = await openTestDatabase();
    await loadDemo(source.db);
    await sealSomeDetails(source.db);
    await runAJob(source);
    await fillEmptyTables(source.db);
    file = await backUp(source);
    backedUp = await snapshotDatabase(source.db);
  }, 240_000);
  afterAll(async () => {
    for (const database of [source, ...targets]) await database?.close();
  });

  it("says in its header what it holds, and is readable by its owner only", async () => {
    const header = await readBackupHeader(file);
    const count = async (table: string) =>
      Number(
        (
          await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(
            source.db,
          )
        ).rows[0]!.n,
      );
    expect(header).toMatchObject({
      format: "peerlink-backup",
      engine: source.engine,
      migrationLevel: readMigrations().at(-1)!.version,
      encryptedDetails: 3,
    });
    expect(header.migrations.map((m) => m.version)).toEqual(readMigrations().map((m) => m.version));
    const rows = Object.fromEntries(header.tables.map((t) => [t.name, t.rows]));
    expect(header.tables.filter((t) => t.rows === 0)).toEqual([]);
    expect(rows.clients).toBe(await count("clients"));
    expect(rows.reach_clients).toBe(await count("reach_clients"));
    expect(rows["pgboss.job"]).toBe(1);
    expect(rows["pgboss.queue"]).toBe(1);
    const version = header.sequences.find((s) => s.name === "record_version")!;
    expect(version).toEqual({
      name: "record_version",
      ...backedUp.sequences["public.record_version"],
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Every backed-up value is there in its text form: a client's sealed name, not in clear.
    const body = gunzipSync(readFileSync(file)).toString("utf8");
    expect(body).not.toContain("Lò Thị Hoa");
  });

  it("gives back every row, column and sequence after records are edited, added, voided and deleted", async () => {
    await changeEverything(source.db);
    const changed = await snapshotDatabase(source.db);
    expect(changed).not.toEqual(backedUp);
    const report = await restoreBackup(source, file, { detailsKey, replace: true });
    expect(report).toMatchObject({ secret: "checked", appliedAfter: [] });
    expectSame(await snapshotDatabase(source.db), backedUp);
    // The triggers are back on: a write after the restore still keeps the derived tables.
    const client = await source.db
      .selectFrom("reach_clients")
      .select("client_id")
      .executeTakeFirstOrThrow();
    await source.db
      .updateTable("clients")
      .set({ voided_at: new Date(), void_reason: "after" })
      .where("id", "=", client.client_id)
      .execute();
    expect(
      await source.db
        .selectFrom("reach_clients")
        .where("client_id", "=", client.client_id)
        .selectAll()
        .execute(),
    ).toEqual([]);
    await restoreBackup(source, file, { detailsKey, replace: true });
  });

  it("restores into an empty database, which then needs no migration", async () => {
    const target = await openTestDatabase({ migrated: false });
    targets.push(target);
    const report = await restoreBackup(target, file, { detailsKey });
    expect(report.rows).toBe((await readBackupHeader(file)).tables.reduce((n, t) => n + t.rows, 0));
    expectSame(await snapshotDatabase(target.db), backedUp);
    expect((await migrate(target)).applied).toEqual([]);
  });

  it("restores a backup from an older Peerlink, then applies the migrations it lacks", async () => {
    const migrations = readMigrations();
    const older = await openTestDatabase({ migrated: false });
    targets.push(older);
    await migrate(older, migrations.slice(0, -1));
    await older.db
      .insertInto("organisations")
      .values({
        slug: "older",
        short_name: "Older",
        name_vi: "Cũ",
        name_en: "Older",
        kind: "implementer",
      })
      .execute();
    const olderFile = await backUp(older);
    expect((await readBackupHeader(olderFile)).migrationLevel).toBe(migrations.at(-2)!.version);

    // Not over a database at a newer level: its schema is not the backup's.
    await expectRefused(source, olderFile, "incompatible", /has migrations the backup has not/);
    const target = await openTestDatabase({ migrated: false });
    targets.push(target);
    const report = await restoreBackup(target, olderFile, { detailsKey });
    expect(report.appliedAfter).toEqual([migrationLabel(migrations.at(-1)!)]);
    expect((await migrate(target)).applied).toEqual([]);
    expect(await target.db.selectFrom("organisations").select("slug").execute()).toEqual([
      { slug: "older" },
    ]);
  });

  it("asks before replacing a database that holds data", async () => {
    await expectRefused(source, file, "not_empty", /holds data \(.*clients.*\).*--yes/, {
      replace: false,
    });
  });

  it("refuses a truncated or corrupted file, and anything that is not a backup, changing nothing", async () => {
    const bytes = readFileSync(file);
    const truncated = newFile();
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 2000));
    await expectRefused(source, truncated, "damaged", /truncated/);
    const flipped = newFile();
    const copy = Buffer.from(bytes);
    copy[Math.floor(copy.length * 0.6)]! ^= 0xff;
    writeFileSync(flipped, copy);
    await expectRefused(source, flipped, "damaged", /is damaged/);
    const other = newFile();
    writeFileSync(other, "id,uic\n1,ABC\n");
    await expectRefused(source, other, "not_a_backup", /not a Peerlink backup/);
  });

  it("refuses a file whose content does not match its checksum or counts", async () => {
    const { header, lines } = unpack(file);
    const edited = lines.map((l) => l.replace("2011-07-", "2011-06-"));
    const body = Buffer.from(edited.map((l) => `${l}\n`).join(""));
    const forged = newFile();
    writeFileSync(forged, Buffer.concat([gzipSync(`${JSON.stringify(header)}\n`), gzipSync(body)]));
    await expectRefused(source, forged, "damaged", /checksum does not match/);
    const dropped = newFile();
    const oneLess = lines.filter(
      (_line, i) => !(i > 0 && lines[i - 1]!.startsWith('{"table":"clients"')),
    );
    writeFileSync(
      dropped,
      Buffer.concat([
        gzipSync(`${JSON.stringify(header)}\n`),
        gzipSync(oneLess.map((l) => `${l}\n`).join("")),
      ]),
    );
    await expectRefused(source, dropped, "damaged", /table clients has \d+ rows, the header says/);
  });

  it("rolls back, changing nothing, when the database refuses the backup's data", async () => {
    // A well-formed backup (counts and checksum agree) without its clients: their records point
    // at nobody. Loading goes through; the foreign keys added back refuse it.
    const { header, lines } = unpack(file);
    let inClients = false;
    const orphaned = lines.filter((line) => {
      if (line.startsWith("{")) inClients = line.startsWith('{"table":"clients"');
      return !(inClients && line.startsWith("["));
    });
    // The versions moved on since the backup: the sequence set back inside the failed transaction
    // must move forward again with it (setval would not).
    await sql`select nextval('record_version') from generate_series(1, 5)`.execute(source.db);
    await expectRefused(
      source,
      await repack(header, orphaned),
      "refused",
      /foreign key.*nothing was restored/,
    );
  });

  it("refuses a backup made by a newer Peerlink", async () => {
    const { header, lines } = unpack(file);
    const future = { version: 9999, name: "from_the_future", checksum: "0".repeat(64) };
    await expectRefused(
      source,
      await repack(
        { ...header, migrations: [...header.migrations, future], migrationLevel: 9999 },
        lines,
      ),
      "too_new",
      /migration 9999_from_the_future, which this Peerlink does not have/,
    );
    await expectRefused(
      source,
      await repack({ ...header, formatVersion: 2 }, lines),
      "too_new",
      /newer Peerlink/,
    );
  });

  it("refuses a secret that cannot read the backup's encrypted details, unless told it is lost", async () => {
    await expectRefused(
      source,
      file,
      "secret_wrong",
      /does not read the encrypted details of the backup's 3 clients/,
      { detailsKey: otherKey },
    );
    await expectRefused(source, file, "secret_missing", /no secret is at hand/, {
      detailsKey: undefined,
    });
    await changeEverything(source.db);
    const report = await restoreBackup(source, file, {
      detailsKey: otherKey,
      replace: true,
      skipSecretCheck: true,
    });
    expect(report.secret).toBe("skipped");
    expectSame(await snapshotDatabase(source.db), backedUp);
  });

  it("copies one moment while writes go on", async () => {
    const before = await snapshotDatabase(source.db);
    let writes: Promise<void> | undefined;
    const tap = new Transform({
      transform(chunk, _encoding, done) {
        if (writes) return done(null, chunk);
        // After the snapshot was taken and part of it copied, another connection writes. On
        // PostgreSQL the writes commit before the copy goes on; on PGlite they wait for its one
        // connection, which the backup holds.
        writes = changeEverything(source.db);
        if (source.engine === "postgres") writes.then(() => done(null, chunk), done);
        else done(null, chunk);
      },
    });
    const during = await backUp(source, newFile(), tap);
    await writes;
    expect(await snapshotDatabase(source.db)).not.toEqual(before);
    const target = await openTestDatabase({ migrated: false });
    targets.push(target);
    await restoreBackup(target, during, { detailsKey });
    expectSame(await snapshotDatabase(target.db), before);
  });
});

describe.skipIf(!testDatabaseUrl)("backups across engines", { timeout: 300_000 }, () => {
  const opened: Database[] = [];
  afterAll(async () => {
    for (const database of opened) await database.close();
  });

  it("restores a PGlite backup into PostgreSQL, and that one's backup into PGlite", async () => {
    const embedded = await openMemoryDatabase();
    opened.push(embedded);
    await migrate(embedded);
    await loadDemo(embedded.db);
    await sealSomeDetails(embedded.db);
    await runAJob(embedded);
    const original = await snapshotDatabase(embedded.db);

    const server = await openTestDatabase({ migrated: false });
    opened.push(server);
    await restoreBackup(server, await backUp(embedded), { detailsKey });
    expectSame(await snapshotDatabase(server.db), original);

    const back = await openMemoryDatabase();
    opened.push(back);
    await restoreBackup(back, await backUp(server), { detailsKey });
    expectSame(await snapshotDatabase(back.db), original);
  });
});
