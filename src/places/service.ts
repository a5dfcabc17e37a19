// Administrative units as reference data: loaded from the data files in data/ (sources and
// licences in data/SOURCES.md), idempotently, on every start.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Db } from "../db/connection.js";
import { listPlaceKeys, upsertPlace } from "./queries.js";

const ZDate = z.iso
  .date()
  .nullable()
  .optional()
  .transform((v) => v ?? null);
const ZUnit = z.object({
  code: z.string().regex(/^\d{2,5}$/),
  name: z.string().min(1),
  kind: z.enum(["tỉnh", "thành phố", "thị xã", "huyện", "quận", "phường", "xã", "thị trấn"]),
  validFrom: ZDate,
  validTo: ZDate,
});
const ZPlacesFileSchema = z.object({
  source: z.string(),
  asOf: z.iso.date(),
  province: ZUnit,
  districts: z.array(ZUnit.extend({ communes: z.array(ZUnit) })),
});
export type TPlacesFile = z.infer<typeof ZPlacesFileSchema>;

const dataFiles = [new URL("./data/dien-bien-2011.json", import.meta.url)];

export function readPlacesFile(file: URL): TPlacesFile {
  return ZPlacesFileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** Every unit of a data file as its key: level, code, valid_from. */
function unitKeys(data: TPlacesFile): string[] {
  const key = (level: string, unit: { code: string; validFrom: string | null }) =>
    `${level}:${unit.code}:${unit.validFrom ?? ""}`;
  return [
    key("province", data.province),
    ...data.districts.flatMap((d) => [
      key("district", d),
      ...d.communes.map((c) => key("commune", c)),
    ]),
  ];
}

/**
 * Loads every bundled data file; safe to run again (existing units are kept as they are). It runs
 * at every start and before every demo load, so a file whose units are all there costs one query.
 */
export async function loadReferencePlaces(db: Db): Promise<void> {
  for (const file of dataFiles) {
    const data = readPlacesFile(file);
    const wanted = unitKeys(data);
    const present = new Set(
      await listPlaceKeys(db, [...new Set(wanted.map((k) => k.split(":")[1]!))]),
    );
    if (wanted.every((k) => present.has(k))) continue;
    await db.transaction().execute(async (trx) => {
      const provinceId = await upsertPlace(trx, {
        ...data.province,
        level: "province",
        parentId: null,
      });
      for (const district of data.districts) {
        const districtId = await upsertPlace(trx, {
          ...district,
          level: "district",
          parentId: provinceId,
        });
        for (const commune of district.communes) {
          await upsertPlace(trx, { ...commune, level: "commune", parentId: districtId });
        }
      }
    });
  }
}
