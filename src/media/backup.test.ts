// Images are in the backup: their bytes live in the database, so `peerlink backup` holds them and
// a restore into an empty database serves the very same files, at the same addresses.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeBackup } from "../backup/backup.js";
import { writeBackupFile } from "../backup/format.js";
import { restoreBackup } from "../backup/restore.js";
import { deriveKey } from "../lib/crypto.js";
import { testSecret } from "../test-support/app.js";
import { openTestDatabase } from "../test-support/database.js";
import { photoWithGps } from "../test-support/images.js";
import { getPictures, readMediaFile, uploadImage } from "./service.js";

const tempDir = mkdtempSync(path.join(tmpdir(), "peerlink-media-backup-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

describe("images in a backup", () => {
  it("come back byte for byte at the same addresses after a restore", async () => {
    const source = await openTestDatabase();
    const { image } = await uploadImage(
      source.db,
      {
        bytes: await photoWithGps({ width: 1200, height: 800 }),
        alt: { vi: "Ảnh họp nhóm", en: "A group meeting" },
      },
      null,
      () => new Date(),
    );
    const [, , id, file] = image.url.split("/");
    const before = await readMediaFile(source.db, id!, file!);
    const pictures = await getPictures(source.db, [image.id]);
    const backup = path.join(tempDir, "media.jsonl.gz");
    await writeBackupFile(backup, (body) => writeBackup(source.db, source.engine, body));
    await source.close();

    const target = await openTestDatabase({ migrated: false });
    try {
      await restoreBackup(target, backup, { detailsKey: deriveKey(testSecret, "client-details") });
      const after = await readMediaFile(target.db, id!, file!);
      expect(after?.sha256).toBe(before?.sha256);
      expect(Buffer.compare(after!.bytes, before!.bytes)).toBe(0);
      expect(await getPictures(target.db, [image.id])).toEqual(pictures);
    } finally {
      await target.close();
    }
  });
});
