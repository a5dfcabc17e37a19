// The demo data set: the seed project (SCDI's FHI-funded HIV prevention project for the partners
// of people who use drugs in Điện Biên, July–October 2011) rebuilt from record-level data, so
// that every figure on its page is computed from records. `npm start` loads it into an empty
// database; resetDemo puts it back after experiments.
import type { Db } from "../db/connection.js";
import { refreshStatistics } from "../db/maintenance.js";
import { computeProjectResults } from "../indicators/service.js";
import { setTargets, type TargetInput } from "../indicators/targets.js";
import { loadReferencePlaces } from "../places/service.js";
import { buildDemoRows } from "./build.js";
import { period } from "./calendar.js";
import { insertDemoContent } from "./content.js";
import {
  type DemoIllustration,
  drawDemoIllustrations,
  storeDemoIllustrations,
} from "./illustrations.js";
import { DEMO_PROJECT_SLUG } from "./organisations.js";
import { sitePlans } from "./plan.js";
import {
  countProjectStaff,
  emptyDomainTables,
  hasOrganisation,
  hasProject,
  insertDemoRows,
  lockDemo,
} from "./queries.js";
import { readDistricts } from "./sites.js";
import {
  attributeDemoWork,
  type DemoPasswordHashes,
  hashDemoPasswords,
  insertDemoUsers,
} from "./users.js";

export { DEMO_PROJECT_SLUG };

/** What the loaded demo holds: live records of the demo project in July–October 2011. */
export interface DemoSummary {
  project: string;
  /** People reached: clients with at least one contact. */
  clients: number;
  contacts: number;
  groupSessions: number;
  attendances: number;
  /** HIV-test referrals that arrived at the testing service (the seed's "VCT visits"). */
  referrals: number;
  condoms: number;
  /** Training courses for the team (initial and refresher), not counting on-the-job coaching. */
  trainings: number;
  /** Staff working at the project's sites. */
  staff: number;
  /** Demo accounts added (src/demo/users.ts): none when the database already had accounts. */
  accounts: number;
}

/**
 * Targets for the demo period, so the dashboards show achievement from the first start. The seed
 * pages publish no targets: these are illustrative, round numbers near what was reached.
 */
const demoPeriod = "2011-07-01..2011-10-31";
const demoTargets: TargetInput[] = [
  { indicator: "people_reached", period: demoPeriod, value: 500 },
  { indicator: "contacts", period: demoPeriod, value: 500 },
  { indicator: "group_sessions", period: demoPeriod, value: 12 },
  { indicator: "hiv_test_visits", period: demoPeriod, value: 250 },
  { indicator: "condoms_distributed", period: demoPeriod, value: 500 },
  { site: "DBP", indicator: "people_reached", period: demoPeriod, value: 150 },
  { site: "DB", indicator: "people_reached", period: demoPeriod, value: 160 },
  { site: "TG", indicator: "people_reached", period: demoPeriod, value: 150 },
  { site: "TG", indicator: "condoms_distributed", period: demoPeriod, value: 200 },
];

/** What is prepared before the demo's transaction, because it takes a while. */
interface DemoPrepared {
  passwordHashes: DemoPasswordHashes;
  illustrations: Record<DemoIllustration, Buffer>;
}

async function prepareDemo(): Promise<DemoPrepared> {
  const [passwordHashes, illustrations] = await Promise.all([
    hashDemoPasswords(),
    drawDemoIllustrations(),
  ]);
  return { passwordHashes, illustrations };
}

async function insertDemo(
  trx: Db,
  { passwordHashes, illustrations }: DemoPrepared,
): Promise<DemoSummary> {
  const rows = buildDemoRows(await readDistricts(trx, sitePlans));
  // The team first, then its accounts, then the field records those accounts are the authors of.
  await insertDemoRows(trx, rows, "setup");
  const { count: accounts, userOfStaff } = await insertDemoUsers(trx, passwordHashes, new Date());
  attributeDemoWork(rows, userOfStaff);
  await insertDemoRows(trx, rows, "records");
  const projectId = rows.projects[0]!.id!;
  await setTargets(trx, projectId, demoTargets);
  // The public website's own content, after the project its narrative and posts are about.
  const covers = await storeDemoIllustrations(trx, illustrations, new Date());
  await insertDemoContent(trx, covers);
  // The summary comes from the indicator engine, so it says what the project page will show.
  const { total } = await computeProjectResults(
    trx,
    { slug: DEMO_PROJECT_SLUG, from: period.from, to: period.to },
    { public: false },
  );
  return {
    project: DEMO_PROJECT_SLUG,
    clients: total.people_reached ?? 0,
    contacts: total.contacts ?? 0,
    groupSessions: total.group_sessions ?? 0,
    attendances: total.group_attendances ?? 0,
    referrals: total.hiv_test_visits ?? 0,
    condoms: total.condoms_distributed ?? 0,
    trainings: total.trainings ?? 0,
    staff: await countProjectStaff(trx, projectId),
    accounts,
  };
}

/**
 * Loads the demo into a database that holds no project yet, in one transaction. The reference
 * places are loaded first (they are kept across resets and loading them again changes nothing).
 */
export async function loadDemo(db: Db): Promise<DemoSummary> {
  await loadReferencePlaces(db);
  // Hashing the demo accounts' passwords and drawing its illustrations take a while: before the
  // transaction, not inside it.
  const prepared = await prepareDemo();
  // Inside the transaction only `trx` is used: PGlite has one connection, which `trx` holds.
  const summary = await db.transaction().execute(async (trx) => {
    await lockDemo(trx);
    if ((await hasProject(trx)) || (await hasOrganisation(trx))) {
      throw new Error(
        "The database already holds a project or an organisation, so the demo was not loaded. Reset the demo instead to replace all data with it.",
      );
    }
    return insertDemo(trx, prepared);
  });
  // Thousands of rows at once: the planner learns of them now, not at the next hourly refresh.
  await refreshStatistics(db);
  return summary;
}

/**
 * Deletes every row of every table except the reference places and the migration history, then
 * loads the demo, in one transaction: if anything fails, the old data stays as it was.
 */
export async function resetDemo(db: Db): Promise<DemoSummary> {
  await loadReferencePlaces(db);
  const prepared = await prepareDemo();
  const summary = await db.transaction().execute(async (trx) => {
    await lockDemo(trx);
    await emptyDomainTables(trx);
    return insertDemo(trx, prepared);
  });
  await refreshStatistics(db);
  return summary;
}

/** True when the database holds no organisation yet (so `npm start` should load the demo). */
export async function isEmpty(db: Db): Promise<boolean> {
  return !(await hasOrganisation(db));
}
