// The SQL of the drill-down lists (records.ts): the records behind one figure, read from the same
// source rows the engine counts (engine.ts `enriched`), filtered by the same measure filter and the
// cell's categories, so a list always adds up to its figure.
import { type RawBuilder, sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { Dimension } from "./definitions.js";
import { enriched } from "./engine.js";
import type { Measure, Scope, Source } from "./sources.js";

/** The categories of a cell; null is "not recorded". */
export type CellCategories = Partial<Record<Dimension, string | null>>;

export interface MeasureQuery {
  source: Source;
  measure: Measure;
  scope: Scope;
  cell: CellCategories;
}

/** The column of the enriched rows a dimension is read from (as the engine groups them). */
function columnOf(dimension: Dimension, age: Measure["age"]): RawBuilder<unknown> {
  if (dimension === "age_band") return sql.ref(age === "first" ? "e.age_first" : "e.age_event");
  if (dimension === "site") return sql.ref("e.site_id");
  if (dimension === "commune") return sql.ref("e.commune_id");
  return sql.ref(`e.${dimension}`);
}

/**
 * The common table expressions of a list: `src` the source's enriched rows, computed once
 * (materialized: with a cell's condition on a client's attribute inlined, a planner without
 * statistics — PGlite never analyses — re-reads the whole source for every client); `m` the rows
 * of the figure, kept by the measure's filter and in the cell; `l` the list, one row per record
 * (per record and person it counts, for unique counts).
 */
function listCtes(query: MeasureQuery) {
  const { source, measure, scope, cell } = query;
  const dims = Object.keys(cell) as Dimension[];
  const conditions = [
    measure.filter ?? sql`true`,
    ...dims.map((d) => {
      const value = cell[d];
      const column = columnOf(d, measure.age);
      return value === null || value === undefined
        ? sql`${column} is null`
        : sql`${column}::text = ${value}`;
    }),
  ];
  const subject = measure.kind === "unique" && measure.subject ? measure.subject : sql`null`;
  const quantity =
    measure.kind === "sum" && measure.subject ? sql`sum(${measure.subject})` : sql`null`;
  return sql`
    with src as materialized (${enriched(source, scope, new Set(dims))}),
    m as (select * from src e where ${sql.join(conditions, sql` and `)}),
    l as (
      select ${measure.recordType}::text as record_type, ${measure.record} as record_id,
             ${subject}::text as subject,
             min(e.service_on) as service_on,
             coalesce(array_agg(distinct e.site_id) filter (where e.site_id is not null), '{}') as site_ids,
             (array_agg(e.commune_id))[1] as commune_id,
             case when count(distinct e.client_id) = 1 then (array_agg(e.client_id))[1] end as client_id,
             ${quantity}::bigint as quantity
        from m e
       where ${measure.record} is not null
         ${measure.kind === "unique" ? sql`and ${subject} is not null` : sql``}
       group by 1, 2, 3
    )`;
}

/** The measure over the matched rows, as the engine computes it (the filter is already applied). */
function figureOf(measure: Measure): RawBuilder<unknown> {
  if (measure.kind === "count") return sql`count(${measure.record})`;
  if (measure.kind === "unique") return sql`count(distinct ${measure.subject})`;
  return sql`coalesce(sum(${measure.subject}), 0)`;
}

export interface MeasureSummary {
  /** The figure, computed as the engine computes it. */
  figure: number;
  /** Rows of the list (records; for unique counts, each record once per person it counts). */
  rows: number;
  records: number;
  /** Distinct people (or communes, meetings…) in the list, for unique counts; else null. */
  subjects: number | null;
}

export async function summariseMeasure(db: Db, query: MeasureQuery): Promise<MeasureSummary> {
  const { rows } = await sql<{ figure: number; rows: number; records: number; subjects: number }>`
    ${listCtes(query)}
    select (select ${figureOf(query.measure)} from m e)::bigint as figure,
           (select count(*) from l)::bigint as rows,
           (select count(distinct (record_type, record_id)) from l)::bigint as records,
           (select count(distinct subject) from l)::bigint as subjects`.execute(db);
  const row = rows[0]!;
  return {
    figure: Number(row.figure),
    rows: Number(row.rows),
    records: Number(row.records),
    subjects: query.measure.kind === "unique" ? Number(row.subjects) : null,
  };
}

export interface RecordRow {
  record_type: string;
  /** Null for a record about a client the reader may not read (see listMeasureRecords). */
  record_id: string | null;
  subject: string | null;
  service_on: string;
  site_ids: string[];
  commune_id: string | null;
  commune_code: string | null;
  commune_name: string | null;
  commune_kind: string | null;
  /** The client's UIC when the record is about one client (never a name or a phone). */
  uic: string | null;
  quantity: number | null;
}

/**
 * A page of the list. `clientSites`: the sites whose clients the reader may read (policy's
 * clientSitesOf); a record about a client of another site (a contact at the reader's site for a
 * client registered elsewhere) keeps its row, so the list still adds up to the figure, but not its
 * id nor the client's UIC.
 */
export async function listMeasureRecords(
  db: Db,
  query: MeasureQuery,
  page: { limit: number; offset: number },
  clientSites: "all" | readonly string[],
): Promise<RecordRow[]> {
  const named =
    clientSites === "all"
      ? sql`true`
      : clientSites.length === 0
        ? sql`l.client_id is null`
        : sql`(l.client_id is null or cl.site_id in (${sql.join([...clientSites])}))`;
  const { rows } = await sql<RecordRow>`
    ${listCtes(query)}
    select l.record_type, case when ${named} then l.record_id::text end as record_id, l.subject,
           l.service_on, l.site_ids::text[] as site_ids, l.commune_id::text as commune_id,
           p.code as commune_code, p.name as commune_name, p.kind as commune_kind,
           case when ${named} then cl.uic end as uic,
           l.quantity
      from l
      left join clients cl on cl.id = l.client_id
      left join places p on p.id = l.commune_id
     order by l.service_on, l.record_type, l.record_id, l.subject
     limit ${page.limit} offset ${page.offset}`.execute(db);
  return rows;
}
