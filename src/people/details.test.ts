import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { deriveKey } from "../lib/crypto.js";
import { newId } from "../lib/ids.js";
import { openTestDatabase } from "../test-support/database.js";
import { insertProjectFixture } from "../test-support/fixtures.js";
import { openClientDetails, sealClientDetails } from "./details.js";

const key = deriveKey("a test secret that is long enough to use", "client-details");

describe("clients' optional details", () => {
  const opened = openTestDatabase();
  afterAll(async () => (await opened).close());

  async function insertClient(details: { name?: string; phone?: string }) {
    const { db } = await opened;
    const site = await db.selectFrom("sites").select("id").executeTakeFirst();
    const siteId = site?.id ?? (await insertProjectFixture(db)).siteA.id;
    const id = newId();
    await db
      .insertInto("clients")
      .values({
        id,
        site_id: siteId,
        uic: `DT${id
          .slice(-8)
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, "")}`,
        sex: "female",
        birth_year: 1988,
        population_group: "partner_pwud",
        home_commune_id: null,
        registered_on: "2011-08-01",
        created_by: null,
        ...sealClientDetails(key, id, details),
      })
      .execute();
    return id;
  }

  it("stores name and phone only as ciphertext, and reads them back with the key", async () => {
    const { db } = await opened;
    const id = await insertClient({ name: "Lò Thị Hoà", phone: "0912 345 678" });
    const { rows } = await sql<{ dump: string }>`
      select row_to_json(c)::text as dump from clients c where id = ${id}`.execute(db);
    // Neither as text nor as the bytes of the text (a bytea column dumps as hex). Short digit runs
    // are not checked: they turn up by chance in ids, hex ciphertext and timestamps.
    const dump = rows[0]!.dump;
    for (const plain of ["Lò Thị Hoà", "Hoà", "0912 345 678", "0912345678"]) {
      expect(dump).not.toContain(plain);
      expect(dump).not.toContain(Buffer.from(plain, "utf8").toString("hex"));
    }
    const row = await db
      .selectFrom("clients")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(openClientDetails(key, id, row)).toEqual({ name: "Lò Thị Hoà", phone: "0912 345 678" });
  });

  it("never requires them: a client without name or phone stores nulls", async () => {
    const { db } = await opened;
    const id = await insertClient({ name: "  " });
    const row = await db
      .selectFrom("clients")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name_encrypted: null, phone_encrypted: null });
    expect(openClientDetails(key, id, row)).toEqual({ name: undefined, phone: undefined });
  });

  it("does not decrypt a value copied to another client or field", async () => {
    const { db } = await opened;
    const first = await insertClient({ name: "Quàng Văn A" });
    const second = await insertClient({});
    const source = await db
      .selectFrom("clients")
      .selectAll()
      .where("id", "=", first)
      .executeTakeFirstOrThrow();
    expect(() => openClientDetails(key, second, source)).toThrow();
    expect(() =>
      openClientDetails(key, first, {
        name_encrypted: null,
        phone_encrypted: source.name_encrypted,
      }),
    ).toThrow();
  });
});
