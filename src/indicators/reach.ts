// People reached, contacts, communes covered, KP_PREV, PP_PREV, group meetings and attendances for
// a whole project over whole months, read from the tables that triggers keep current as records
// are written: one row per person reached in the project, at a site and in a commune, with the
// months they were reached in (migration 0009); the people of each month by group (0013); and
// contacts (0009) and meetings with their attendances (0014) tallied by site, commune and month.
// Counting rows whose months meet the period's gives the unique people with no count(distinct)
// over every contact — a year of a 100,000-client programme is half a million contacts
// (docs/benchmarks.md).
//
// The engine asks `readsReach` first: a site list, a commune, a period that cuts a month, a
// breakdown by the client's sex, age or group, or the testing status are answered from the records
// themselves (sources.ts), which these tables are recomputed from.
import { type RawBuilder, sql } from "kysely";
import type { Db } from "../db/connection.js";
import type { Disaggregation, IndicatorId } from "./definitions.js";
import type { Outcome } from "./engine.js";
import { monthsOf } from "./periods.js";
import { inKeyPopulation, type Scope, type Source } from "./sources.js";

type Counted = "site" | "month" | "commune";
const countedDimensions: readonly Counted[] = ["site", "month", "commune"];

/** What each source's rows answer from the reach tables. */
const answered: Record<string, readonly IndicatorId[]> = {
  contacts: ["people_reached", "contacts", "communes_covered"],
  prevention: ["kp_prev", "pp_prev"],
  groups: ["group_sessions", "group_attendances"],
};

/**
 * The tables of records tallied by site, commune and month (migrations 0009 and 0014), and how each
 * figure they answer is summed over a group of keys (`sc`: the key's commune in the site's area).
 */
const tallies: readonly {
  table: string;
  figures: Partial<Record<IndicatorId, RawBuilder<unknown>>>;
}[] = [
  {
    table: "contact_tallies",
    figures: {
      contacts: sql`sum(t.contacts)`,
      communes_covered: sql`count(distinct t.commune_id) filter (where sc.place_id is not null)`,
    },
  },
  {
    table: "group_tallies",
    figures: { group_sessions: sql`sum(t.sessions)`, group_attendances: sql`sum(t.attendances)` },
  },
];

export interface ReachWanted {
  id: IndicatorId;
  by: readonly Disaggregation[];
}

/** The first days of the period's months, when the period is whole months; else null. */
function wholeMonths(scope: Scope): string[] | null {
  const months = monthsOf({ kind: "custom", from: scope.from, to: scope.to });
  if (months.length === 0 || months.some((m) => m.kind !== "month")) return null;
  return months.map((m) => m.from);
}

/** Whether this source's figures can be read from the reach tables. */
export function readsReach(source: Source, scope: Scope, wanted: readonly ReachWanted[]): boolean {
  const ids = answered[source.name];
  return (
    ids !== undefined &&
    scope.siteIds === null &&
    scope.communeId === null &&
    wholeMonths(scope) !== null &&
    wanted.every(
      (w) =>
        ids.includes(w.id) &&
        w.by.every((d) => d.length === 1 && countedDimensions.includes(d[0] as Counted)),
    )
  );
}

const keyPopulation = inKeyPopulation(sql.ref("population_group"));

/**
 * Each unique-people indicator: the months column it reads, the column of reach_months that counts
 * its people month by month, and the people it keeps.
 */
const people: Partial<
  Record<IndicatorId, { months: string; monthly: string; filter: RawBuilder<unknown> }>
> = {
  people_reached: { months: "contact_months", monthly: "contact_people", filter: sql`true` },
  kp_prev: { months: "prevention_months", monthly: "prevention_people", filter: keyPopulation },
  pp_prev: {
    months: "prevention_months",
    monthly: "prevention_people",
    filter: sql`not ${keyPopulation}`,
  },
};

/** Counts the wanted figures of the contacts, prevention and groups sources from those tables. */
export async function countReach(
  db: Db,
  scope: Scope,
  wanted: readonly ReachWanted[],
): Promise<Outcome> {
  const months = wholeMonths(scope)!;
  const period = sql`array[${sql.join(months.map((m) => sql`${m}::date`))}]`;
  const from = months[0]!;
  const to = months[months.length - 1]!;
  // A person's months meet the period's: the months are sorted, so when the first and the last
  // fall in the period they all do — most people of a long period, checked without comparing
  // every month with every month of the period (what && does: 0.5 s for three years' communes).
  const meets = (column: string) => {
    const months = sql.ref(column);
    return sql`((${months}[1] >= ${from}::date and ${months}[cardinality(${months})] <= ${to}::date) or ${months} && ${period})`;
  };
  const outcome: Outcome = new Map(wanted.map((w) => [w.id, { total: 0, cells: new Map() }]));
  const wants = (w: ReachWanted, dimension: Counted) =>
    w.by.some((d) => d.length === 1 && d[0] === dimension);
  const asked = (dimension: Counted) => wanted.some((w) => wants(w, dimension));

  const counted = wanted.filter((w) => people[w.id]);
  // The rows read are those whose prevention months meet the period (every contact month is a
  // prevention month): only people reached by contact need their own months checked again.
  const measures = sql.join(
    counted.map((w) => {
      const { months, filter } = people[w.id]!;
      const met = months === "prevention_months" ? sql`true` : meets(months);
      return sql`count(*) filter (where ${met} and ${filter})::int as ${sql.ref(w.id)}`;
    }),
  );
  type Row = Record<string, string | number | null>;
  const work: Promise<void>[] = [];
  /** The rows of one breakdown, as the cells of each figure that asked for it. */
  const byCategory = (rows: readonly Row[], dimension: Counted, ids: readonly IndicatorId[]) => {
    for (const w of wanted.filter((w) => ids.includes(w.id) && wants(w, dimension)))
      outcome.get(w.id)!.cells.set(
        dimension,
        rows.map((r) => ({
          categories: { [dimension]: r[dimension] as string | null },
          value: Number(r[w.id]),
        })),
      );
  };

  if (counted.length > 0) {
    const ids = counted.map((w) => w.id);
    // Every person of the project whose months meet the period: the total.
    work.push(
      (async () => {
        const { rows } = await sql<Row>`
          select ${measures} from reach_clients
           where project_id = ${scope.projectId} and ${meets("prevention_months")}`.execute(db);
        for (const id of ids) outcome.get(id)!.total = Number(rows[0]?.[id] ?? 0);
      })(),
    );
    if (asked("month"))
      work.push(
        (async () => {
          // A month's people are a sum, kept by refresh_reach (migration 0013): by group and month.
          const { rows } = await sql<Row>`
            select to_char(month, 'YYYY-MM') as month,
                   ${sql.join(
                     counted.map(
                       (w) =>
                         sql`coalesce(sum(${sql.ref(people[w.id]!.monthly)}) filter (where ${people[w.id]!.filter}), 0)::int as ${sql.ref(w.id)}`,
                     ),
                   )}
              from reach_months
             where project_id = ${scope.projectId} and month between ${from}::date and ${to}::date
             group by month`.execute(db);
          byCategory(rows, "month", ids);
        })(),
      );
    // By site and by commune: a row per person and site (or commune), counted.
    const levels = [
      { dimension: "site", table: "reach_sites", column: "site_id" },
      { dimension: "commune", table: "reach_communes", column: "commune_id" },
    ] as const;
    for (const { dimension, table, column } of levels.filter((l) => asked(l.dimension)))
      work.push(
        (async () => {
          const { rows } = await sql<Row>`
            select ${sql.ref(column)}::text as ${sql.ref(dimension)}, ${measures}
              from ${sql.table(table)}
             where project_id = ${scope.projectId} and ${meets("prevention_months")}
             group by ${sql.ref(column)}`.execute(db);
          byCategory(rows, dimension, ids);
        })(),
      );
  }

  // Records tallied by site, commune and month: contacts add up; communes covered are the distinct
  // communes of a site's area with contacts; meetings and attendances add up. The tallies are small
  // (a key per site, commune and month): every breakdown is grouped.
  for (const tally of tallies) {
    const tallied = wanted.filter((w) => w.id in tally.figures);
    if (tallied.length === 0) continue;
    work.push(
      (async () => {
        const { rows } = await sql<Row>`
          select grouping(t.site_id, t.month, t.commune_id) as mask,
                 t.site_id::text as site, to_char(t.month, 'YYYY-MM') as month,
                 t.commune_id::text as commune,
                 ${sql.join(tallied.map((w) => sql`${tally.figures[w.id]!}::int as ${sql.ref(w.id)}`))}
            from ${sql.table(tally.table)} t
            join sites s on s.id = t.site_id and s.project_id = ${scope.projectId}
            left join site_communes sc on sc.site_id = t.site_id and sc.place_id = t.commune_id
           where t.month between ${from}::date and ${to}::date
           group by grouping sets ((t.site_id), (t.month), (t.commune_id), ())`.execute(db);
        // grouping(site, month, commune): a bit for each column not grouped on, site the highest.
        const maskOf: Record<Counted, number> = { site: 0b011, month: 0b101, commune: 0b110 };
        const ids = tallied.map((w) => w.id);
        for (const row of rows) {
          if (Number(row.mask) === 0b111)
            for (const id of ids) outcome.get(id)!.total = Number(row[id] ?? 0);
        }
        for (const d of countedDimensions)
          byCategory(
            rows.filter((r) => Number(r.mask) === maskOf[d]),
            d,
            ids,
          );
      })(),
    );
  }
  await Promise.all(work);
  return outcome;
}
