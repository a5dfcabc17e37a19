// The SQL behind disaggregated "people reached": one query, one GROUPING SETS, one row per cell of
// every requested disaggregation plus the total row. People are counted with count(distinct) in
// every cell, so a person is one in the total and one in each cell they belong to.
//
// What a cell means per dimension:
// - sex, population_group: the client's (as registered);
// - age_band: age at the client's FIRST contact in the period (age-bands.ts has the rule), so a
//   person falls in exactly one band even when a custom period spans New Year;
// - site: where the contact was recorded; a person reached at two sites is in both sites' cells;
// - commune: where the contact took place (the contact's commune, null when not recorded); a person
//   reached in two communes is in both.
// So sex, age band and population group partition the total; site and commune may overlap.
import { sql } from "kysely";
import type { Db } from "../db/connection.js";
import { sqlAgeBand } from "./age-bands.js";

export const dimensions = ["sex", "age_band", "population_group", "site", "commune"] as const;
export type Dimension = (typeof dimensions)[number];

export interface DisaggregationQuery {
  projectId: string;
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  siteId?: string | undefined;
  by: readonly Dimension[];
}

export interface CellRow {
  /** "total" for the row over everyone. */
  dimension: Dimension | "total";
  /** The category (a sex, band, group, site id or commune id); null on the total row, or unknown. */
  category: string | null;
  people: number;
}

// Columns of the `reached` CTE below, by dimension. Whitelisted here: a dimension never reaches
// the SQL as text from a request.
const column = {
  sex: sql.ref("r.sex"),
  age_band: sql.ref("r.age_band"),
  population_group: sql.ref("r.population_group"),
  site: sql.ref("r.site_id"),
  commune: sql.ref("r.commune_id"),
} as const;

export async function countPeopleReachedBy(db: Db, q: DisaggregationQuery): Promise<CellRow[]> {
  const by = dimensions.filter((d) => q.by.includes(d));
  // grouping(x) is 0 on the rows grouped by x: it tells a cell whose category is null (a contact
  // without a commune) from a row that is not grouped by that dimension at all.
  const whichDimension = by.length
    ? sql`case ${sql.join(
        by.map((d) => sql`when grouping(${column[d]}) = 0 then ${sql.lit(d)}`),
        sql` `,
      )} else 'total' end`
    : sql`'total'`;
  const category = by.length
    ? sql`case ${sql.join(
        by.map((d) => sql`when grouping(${column[d]}) = 0 then ${column[d]}::text`),
        sql` `,
      )} end`
    : sql`null::text`;
  const sets = sql.join([sql`()`, ...by.map((d) => sql`(${column[d]})`)], sql`, `);

  const { rows } = await sql<CellRow>`
    with in_period as (
      select c.client_id, c.site_id, c.commune_id, c.contact_date,
             min(c.contact_date) over (partition by c.client_id) as first_contact
        from contacts c
        join sites s on s.id = c.site_id
       where s.project_id = ${q.projectId}
         and c.voided_at is null
         and c.contact_date between ${q.from} and ${q.to}
         ${q.siteId ? sql`and c.site_id = ${q.siteId}` : sql``}
    ),
    reached as (
      select p.client_id, p.site_id, p.commune_id,
             cl.sex, cl.population_group,
             ${sqlAgeBand(sql.ref("cl.birth_year"), sql.ref("p.first_contact"))} as age_band
        from in_period p
        join clients cl on cl.id = p.client_id and cl.voided_at is null
    )
    select ${whichDimension} as dimension,
           ${category} as category,
           count(distinct r.client_id)::int as people
      from reached r
     group by grouping sets (${sets})`.execute(db);
  return rows;
}
