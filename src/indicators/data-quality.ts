// The dashboard's data-quality panel: what in the records of the sites in scope needs a person's
// attention before the figures can be trusted. Four checks:
//   - suspected duplicate clients: live clients of the same sex and birth year whose UICs are one
//     character apart (the same person registered twice with a misremembered letter), or the same
//     (then at two sites, where a UIC may repeat);
//   - contacts and group meetings of the period with no commune (they count nowhere by commune);
//   - contacts of the period saved more than a week after the day they took place;
//   - devices that have not synced for a week (work may be waiting on a phone).
// The clock is an argument, so tests (and reports of the past) give their own.
import type { Db } from "../db/connection.js";
import {
  type DuplicatePairRow,
  findLateContacts,
  findNearDuplicateClients,
  findRecordsWithoutCommune,
  findSilentDevices,
  type LateContactRow,
  type MissingCommuneRow,
  type QualityScope,
  type SilentDeviceRow,
} from "./data-quality-queries.js";

/** A contact saved more than this many days after its date is "recorded late". */
export const lateEntryDays = 7;
/** A device with no push or pull for this many days is "not syncing". */
export const silentDeviceDays = 7;
/** Lists stop at this many rows; their counts are exact. */
export const dataQualityListLimit = 100;

export interface DataQuality {
  duplicates: { count: number; pairs: DuplicatePairRow[] };
  missingCommune: { contacts: number; groupSessions: number; records: MissingCommuneRow[] };
  lateEntries: { count: number; records: LateContactRow[] };
  silentDevices: { count: number; devices: SilentDeviceRow[] };
}

export interface DataQualityRequest extends QualityScope {
  /** Also check devices of accounts linked to no site (the scope is the whole project). */
  includeStaffWithoutSites: boolean;
  now: Date;
}

const dayMs = 24 * 60 * 60 * 1000;

export async function checkDataQuality(db: Db, request: DataQualityRequest): Promise<DataQuality> {
  const scope: QualityScope = {
    projectId: request.projectId,
    siteIds: request.siteIds,
    from: request.from,
    to: request.to,
  };
  const before = new Date(request.now.getTime() - silentDeviceDays * dayMs);
  const [duplicates, missingCommune, lateEntries, silentDevices] = await Promise.all([
    findNearDuplicateClients(db, scope, dataQualityListLimit),
    findRecordsWithoutCommune(db, scope, dataQualityListLimit),
    findLateContacts(db, scope, lateEntryDays, dataQualityListLimit),
    findSilentDevices(db, scope, before, request.includeStaffWithoutSites, dataQualityListLimit),
  ]);
  return { duplicates, missingCommune, lateEntries, silentDevices };
}
