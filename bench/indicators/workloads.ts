// What the indicators benchmark times: each workload is one thing a dashboard or an export does,
// run against the generated programme. Plain SQL stands in for the dashboard until its functions
// exist; a function from src/indicators plugs in as `{ name, run }` (see `functionWorkloads`).
import { type RawBuilder, sql } from "kysely";
import type { SessionUser } from "../../src/auth/policy.js";
import type { Db } from "../../src/db/connection.js";
import { findExportRenderer } from "../../src/exports/renderers.js";
import { buildDashboard } from "../../src/indicators/dashboard.js";
import { resolveDashboardScope } from "../../src/indicators/dashboard-scope.js";
import { registerReportExports } from "../../src/indicators/exports/index.js";
import { computeProjectResults } from "../../src/indicators/service.js";

export interface Period {
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
}

export interface WorkloadContext {
  projectId: string;
  projectSlug: string;
  /** The whole programme: three years. */
  programme: Period;
  /** Its last quarter. */
  quarter: Period;
}

export interface Workload {
  name: string;
  /** Runs it once; the harness times the awaited call and discards the result. */
  run(db: Db, context: WorkloadContext): Promise<unknown>;
  /** Its SQL, when it is one statement: the harness can then EXPLAIN it. */
  query?(context: WorkloadContext): RawBuilder<unknown>;
}

/** A workload that is one SQL statement. */
function sqlWorkload(name: string, query: (c: WorkloadContext) => RawBuilder<unknown>): Workload {
  return { name, query, run: (db, c) => query(c).execute(db) };
}

/** Live contacts of the project's live clients in a period, as the indicators count them. */
const liveContacts = (c: WorkloadContext, p: Period) => sql`
      from contacts x
      join sites s on s.id = x.site_id
      join clients cl on cl.id = x.client_id and cl.voided_at is null
     where s.project_id = ${c.projectId}
       and x.voided_at is null
       and x.contact_date between ${p.from} and ${p.to}`;

const peopleReached = (c: WorkloadContext, p: Period) =>
  sql`select count(distinct x.client_id)::int as people ${liveContacts(c, p)}`;

const peopleReachedBy = (c: WorkloadContext, p: Period) => sql`
    select x.site_id, cl.sex, cl.population_group,
           date_trunc('month', x.contact_date::timestamp)::date as month,
           count(distinct x.client_id)::int as people
    ${liveContacts(c, p)}
     group by grouping sets ((x.site_id), (cl.sex), (cl.population_group),
                             (date_trunc('month', x.contact_date::timestamp)::date), ())`;

export const sqlWorkloads: Workload[] = [
  sqlWorkload("people reached, 3 years", (c) => peopleReached(c, c.programme)),
  sqlWorkload("people reached, one quarter", (c) => peopleReached(c, c.quarter)),
  // The same count written so PostgreSQL may hash and parallelise it: count(distinct) always sorts,
  // in one process.
  sqlWorkload(
    "people reached, 3 years, as count(*) of select distinct",
    (c) =>
      sql`select count(*)::int as people from (select distinct x.client_id ${liveContacts(c, c.programme)}) reached`,
  ),
  sqlWorkload("people reached by site, sex, group, month (grouping sets), 3 years", (c) =>
    peopleReachedBy(c, c.programme),
  ),
  sqlWorkload("people reached by site, sex, group, month (grouping sets), one quarter", (c) =>
    peopleReachedBy(c, c.quarter),
  ),
  sqlWorkload(
    "contacts and people per commune, 3 years",
    (c) => sql`
    select x.commune_id, count(*)::int as contacts, count(distinct x.client_id)::int as people
    ${liveContacts(c, c.programme)}
     group by x.commune_id`,
  ),
];

/** Functions of src/indicators, timed as the pages and exports call them. */
export const functionWorkloads: Workload[] = [
  {
    name: "project results page (computeProjectResults), 3 years",
    run: (db, c) =>
      computeProjectResults(db, { slug: c.projectSlug, ...c.programme }, { public: false }),
  },
  {
    name: "public results, uncached (the release: the whole project by site and its 12 quarters, suppressed)",
    run: (db, c) =>
      computeProjectResults(db, { slug: c.projectSlug, today: "2026-12-05" }, { public: true }),
  },
  {
    name: "project results page (computeProjectResults), one quarter",
    run: (db, c) =>
      computeProjectResults(db, { slug: c.projectSlug, ...c.quarter }, { public: false }),
  },
];

/** A programme officer: every site, as the full project dashboard is seen. */
const officer: SessionUser = {
  id: "00000000-0000-7000-8000-000000000001",
  username: "bench.officer",
  displayName: "Bench officer",
  role: "programme_officer",
  siteIds: [],
  staffId: null,
  locale: "vi",
};

const periodText = (p: Period) => `${p.from}..${p.to}`;

/** The full dashboard page's data (every indicator by site, month and commune; data quality). */
function dashboardWorkload(name: string, period: (c: WorkloadContext) => Period, site?: boolean) {
  return {
    name,
    run: async (db: Db, c: WorkloadContext) => {
      const first = site
        ? await db
            .selectFrom("sites")
            .select("code")
            .where("project_id", "=", c.projectId)
            .orderBy("code")
            .executeTakeFirstOrThrow()
        : undefined;
      const scope = await resolveDashboardScope(db, c.projectSlug, officer, {
        period: periodText(period(c)),
        site: first?.code,
      });
      return buildDashboard(db, scope, new Date(`${c.programme.to}T12:00:00Z`));
    },
  } satisfies Workload;
}

let registered = false;

/** One export, as its background job makes it (report computed, file written), without the queue. */
function exportWorkload(kind: string, name: string, period: (c: WorkloadContext) => Period) {
  return {
    name,
    run: async (db: Db, c: WorkloadContext) => {
      if (!registered) {
        registerReportExports();
        registered = true;
      }
      const renderer = findExportRenderer(kind);
      if (!renderer) throw new Error(`no renderer for ${kind}`);
      const p = period(c);
      return renderer({
        db,
        exportId: "00000000-0000-7000-8000-000000000002",
        project: { id: c.projectId, slug: c.projectSlug },
        params: {
          period: periodText(p),
          periodKind: "custom",
          from: p.from,
          to: p.to,
          sites: null,
          locale: "vi",
        },
        progress: async () => {},
        signal: new AbortController().signal,
      });
    },
  } satisfies Workload;
}

const year = (c: WorkloadContext): Period => ({
  from: `${c.quarter.from.slice(0, 4)}-01-01`,
  to: c.quarter.to,
});

/** The dashboard and the exports as users get them. */
export const productWorkloads: Workload[] = [
  dashboardWorkload("dashboard, whole project, one quarter", (c) => c.quarter),
  dashboardWorkload("dashboard, whole project, one year", year),
  dashboardWorkload("dashboard, whole project, 3 years", (c) => c.programme),
  dashboardWorkload("dashboard, one site, one year", year, true),
  exportWorkload("xlsx", "export XLSX, whole project, one quarter", (c) => c.quarter),
  exportWorkload("csv", "export CSV, whole project, one quarter", (c) => c.quarter),
  exportWorkload("pdf", "export PDF, whole project, one quarter", (c) => c.quarter),
  exportWorkload("xlsx", "export XLSX, whole project, one year", year),
];

export const workloads: Workload[] = [...sqlWorkloads, ...functionWorkloads, ...productWorkloads];
