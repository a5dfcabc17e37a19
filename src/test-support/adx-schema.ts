// Validating ADX documents against the official schema (IHE QRPH 2015, adx_loose.xsd) with
// libxml2's xmllint, as DHIS2 documents it. The schema is read from ../shared/standards/adx/ and
// never copied into the project; where it is absent (outside CI) the tests that need it say so
// and are skipped. In CI nothing is skipped: a missing schema or xmllint fails the test.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const adxSchema = fileURLToPath(
  new URL("../../../shared/standards/adx/adx_loose.xsd", import.meta.url),
);

export const adxSchemaMissing = !existsSync(adxSchema) && process.env.CI !== "true";
if (adxSchemaMissing) {
  console.warn(`ADX: schema checks skipped — no ${adxSchema} (../shared/standards/adx/)`);
}

/** xmllint's verdict on a document: ok, or what it said. */
export async function validateAdx(xml: string): Promise<{ ok: boolean; output: string }> {
  const directory = await mkdtemp(path.join(tmpdir(), "peerlink-adx-"));
  const file = path.join(directory, "export.xml");
  try {
    await writeFile(file, xml);
    return await new Promise((resolve, reject) => {
      execFile(
        "xmllint",
        ["--noout", "--nonet", "--schema", adxSchema, file],
        (error, stdout, stderr) => {
          const output = `${stdout}${stderr}`.trim();
          // xmllint answers 3 or 4 for an invalid document or schema; anything else is its absence.
          if (error && typeof error.code !== "number") reject(error);
          else resolve({ ok: !error, output });
        },
      );
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
