// The indicator engine: computes any set of indicators for a project, period, sites and commune,
// in total and by any disaggregation the indicators have, from the records, on every call, so
// figures are always current. (A whole project's people reached, contacts and group meetings over
// whole months are read from tables that triggers keep current as records are written: reach.ts.)
// Each source (sources.ts) is one query: its rows are joined to the clients' sex, population group
// and age band, then grouped by GROUPING SETS — one set per requested disaggregation plus () for
// the total — so a person is counted once in the total and once in each cell they belong to, and
// every indicator of that source comes from the same scan.
import { type RawBuilder, sql } from "kysely";
import type { Db } from "../db/connection.js";
import { readOnce, runSorting } from "../db/reading.js";
import { AppError } from "../lib/errors.js";
import { listSitesOfProject } from "../programmes/service.js";
import { items, populationGroups, services, sexes, testResults } from "../sync/vocabulary.js";
import { ageBandLabels, sqlAgeBand } from "./age-bands.js";
import {
  type Dimension,
  type Disaggregation,
  definitionOf,
  type IndicatorDefinition,
  type IndicatorId,
  indicatorIds,
  testingStatuses,
  testModalities,
} from "./definitions.js";
import { monthsOf, type Period } from "./periods.js";
import { countReach, readsReach } from "./reach.js";
import { type Measure, type Scope, type Source, sourceOf, sources } from "./sources.js";
import type { WithheldReason } from "./suppression.js";

/** One cell of a disaggregation: its category on each dimension (null: not recorded). */
export interface Cell {
  categories: Partial<Record<Dimension, string | null>>;
  value: number | null;
  /** Set on public figures when the value is withheld (see publish.ts). */
  withheld?: WithheldReason | null;
}

/** What one source counted: each indicator's total and its cells by disaggregation key. */
export type Outcome = Map<IndicatorId, { total: number; cells: Map<string, Cell[]> }>;

export interface Figure {
  id: IndicatorId;
  /** Null when it cannot be computed (no estimate, nothing to divide by) or is withheld. */
  total: number | null;
  /** Cells by disaggregation key (`disaggregationKey`), every category present, zeros included. */
  by: Record<string, Cell[]>;
  withheld?: WithheldReason | null;
}

export interface SiteInfo {
  id: string;
  code: string;
  name_vi: string;
  name_en: string;
  population_size_estimate: number | null;
  place_code: string;
  place_name: string;
}

export interface CommuneInfo {
  id: string;
  code: string;
  name: string;
  kind: string;
  /** The sites whose area includes the commune. */
  site_ids: string[];
}

export interface IndicatorSet {
  projectId: string;
  period: Period;
  /** The sites counted (in the order reports show them). */
  sites: SiteInfo[];
  /** The communes of those sites' areas, and any other commune a record names. */
  communes: CommuneInfo[];
  communeId: string | null;
  figures: Partial<Record<IndicatorId, Figure>>;
}

export interface IndicatorRequest {
  projectId: string;
  period: Period;
  /** Sites to count; "all" for every site of the project. */
  sites: "all" | readonly string[];
  communeId?: string | null;
  /** The indicators wanted (default: all). */
  indicators?: readonly IndicatorId[];
  /**
   * The disaggregations wanted; each indicator gets those its dimensions allow. A function gives
   * each indicator its own (a dashboard draws months for a few figures only).
   */
  by?: Disaggregations;
  /** Refuse, before anything is computed, more breakdowns or cells than these (the staff API). */
  limits?: BreakdownLimits;
}

export interface BreakdownLimits {
  maxDisaggregations: number;
  maxCells: number;
}

export type Disaggregations =
  | readonly Disaggregation[]
  | ((id: IndicatorId) => readonly Disaggregation[]);

export const disaggregationKey = (d: Disaggregation): string => d.join("+");

/** The closed list of categories of a dimension, in report order; null for open lists. */
export function categoriesOf(
  dimension: Dimension,
  context: { period: Period; sites: readonly SiteInfo[]; communes: readonly CommuneInfo[] },
): readonly (string | null)[] {
  switch (dimension) {
    case "sex":
      return sexes;
    case "age_band":
      return ageBandLabels;
    case "population_group":
      return populationGroups;
    case "service":
      return services;
    case "result":
      return testResults;
    case "modality":
      return testModalities;
    case "testing_status":
      return testingStatuses;
    case "item":
      return items;
    case "month":
      return monthsOf(context.period).map((m) => m.from.slice(0, 7));
    case "site":
      return context.sites.map((s) => s.id);
    case "commune":
      return context.communes.map((c) => c.id);
  }
}

/** The column of the enriched rows (alias e) a dimension groups by. */
function columnOf(dimension: Dimension, age: Measure["age"]): RawBuilder<unknown> {
  if (dimension === "age_band") return sql.ref(age === "first" ? "e.age_first" : "e.age_event");
  if (dimension === "site") return sql.ref("e.site_id");
  if (dimension === "commune") return sql.ref("e.commune_id");
  return sql.ref(`e.${dimension}`);
}

const columnName = (dimension: Dimension, age: Measure["age"]) =>
  dimension === "age_band" ? `age_${age}` : dimension;

function aggregate(m: Measure): RawBuilder<unknown> {
  const filter = m.filter ? sql` filter (where ${m.filter})` : sql``;
  if (m.kind === "count") return sql`count(${m.record})${filter}`;
  if (m.kind === "unique") return sql`count(distinct ${m.subject})${filter}`;
  return sql`coalesce(sum(${m.subject})${filter}, 0)`;
}

/**
 * The rows of a source, with the client's attributes and the age band and month where needed:
 * the age at a person's first record takes a window over all rows, so it is only computed when a
 * breakdown by age asks for it, and the clients are only joined when a breakdown or a measure's
 * filter reads them (`client`: a dashboard by site, month and commune counts most figures without).
 */
export function enriched(
  source: Source,
  scope: Scope,
  needs: ReadonlySet<Dimension>,
  ages: ReadonlySet<Measure["age"]> = new Set(["first", "event"]),
  client = true,
) {
  const byAge = needs.has("age_band");
  const ageEvent =
    byAge && ages.has("event")
      ? sqlAgeBand(sql.ref("cl.birth_year"), sql.ref("src.service_on"))
      : sql`null::text`;
  const ageFirst =
    byAge && ages.has("first")
      ? sqlAgeBand(
          sql.ref("cl.birth_year"),
          sql`min(src.service_on) over (partition by src.client_id)`,
        )
      : sql`null::text`;
  const month = needs.has("month") ? sql`to_char(src.service_on, 'YYYY-MM')` : sql`null::text`;
  const joined = client || byAge || needs.has("sex") || needs.has("population_group");
  return sql`
    with src as (${source.rows(scope, needs)})
    select src.*,
           ${joined ? sql`cl.sex, cl.population_group` : sql`null::text as sex, null::text as population_group`},
           ${ageEvent} as age_event, ${ageFirst} as age_first, ${month} as month
      from src
      ${joined ? sql`left join clients cl on cl.id = src.client_id` : sql``}`;
}

interface Wanted {
  id: IndicatorId;
  measure: Measure;
  /** Disaggregations this indicator is computed by. */
  by: Disaggregation[];
}

/** Runs one source: one grouping-sets query for every indicator and disaggregation wanted of it. */
async function runSource(
  db: Db,
  source: Source,
  scope: Scope,
  wanted: readonly Wanted[],
): Promise<Outcome> {
  const needs = new Set(wanted.flatMap((w) => w.by.flat()));
  // The grouping sets, as lists of column names; each (indicator, disaggregation) reads one.
  const columns: string[] = [];
  const columnSql = new Map<string, RawBuilder<unknown>>();
  const sets: string[][] = [[]];
  const setOf = new Map<string, number>([["", 0]]);
  const reads: Array<{ id: IndicatorId; key: string; dims: Disaggregation; set: number }> = [];
  for (const w of wanted) {
    for (const dims of w.by) {
      const names = dims.map((d) => columnName(d, w.measure.age));
      dims.forEach((d, i) => {
        const name = names[i]!;
        if (!columnSql.has(name)) {
          columns.push(name);
          columnSql.set(name, columnOf(d, w.measure.age));
        }
      });
      const setKey = [...names].sort().join(",");
      let set = setOf.get(setKey);
      if (set === undefined) {
        set = sets.length;
        sets.push(names);
        setOf.set(setKey, set);
      }
      reads.push({ id: w.id, key: disaggregationKey(dims), dims, set });
    }
  }
  // grouping(c1, …, cn) is a bitmask with bit (n−1−i) set when column i is NOT grouped on a row:
  // it tells each row's grouping set, even when a category itself is null.
  const maskOf = (names: readonly string[]) =>
    columns.reduce(
      (mask, c, i) => (names.includes(c) ? mask : mask | (1 << (columns.length - 1 - i))),
      0,
    );
  const setByMask = new Map(sets.map((names, i) => [maskOf(names), i]));
  const measures = wanted.map(
    (w, i) => sql`${aggregate(w.measure)}::bigint as ${sql.ref(`m${i}`)}`,
  );
  const groupingSets = sql.join(
    sets.map((names) =>
      names.length ? sql`(${sql.join(names.map((n) => columnSql.get(n)!))})` : sql`()`,
    ),
  );
  const query = sql<Record<string, string | number | null>>`
    select ${columns.length ? sql`grouping(${sql.join(columns.map((c) => columnSql.get(c)!))})` : sql`0`} as mask,
           ${sql.join([...columns.map((c) => sql`${columnSql.get(c)!}::text as ${sql.ref(`c_${c}`)}`), ...measures])}
      from (${enriched(
        source,
        scope,
        needs,
        new Set(wanted.map((w) => w.measure.age)),
        wanted.some((w) => w.measure.readsClient),
      )}) e
     group by grouping sets (${groupingSets})`;
  // Grouping sets with count(distinct) sort every row once per set: a year of a large programme
  // (half a million contacts) is ~70 MB to sort, so it runs with work memory to sort in and no JIT
  // (200–500 ms per query here, saving less; bench/indicators, EXPLAIN).
  const { rows } = await runSorting(db, (db) => query.execute(db));

  const results: Outcome = new Map();
  for (const w of wanted) results.set(w.id, { total: 0, cells: new Map() });
  for (const row of rows) {
    const set = setByMask.get(Number(row.mask));
    if (set === undefined) continue;
    wanted.forEach((w, i) => {
      const value = Number(row[`m${i}`] ?? 0);
      const result = results.get(w.id)!;
      if (set === 0) {
        result.total = value;
        return;
      }
      for (const read of reads) {
        if (read.id !== w.id || read.set !== set) continue;
        const categories: Partial<Record<Dimension, string | null>> = {};
        for (const d of read.dims) {
          const raw = row[`c_${columnName(d, w.measure.age)}`];
          categories[d] = raw === null || raw === undefined ? null : String(raw);
        }
        const list = result.cells.get(read.key) ?? [];
        list.push({ categories, value });
        result.cells.set(read.key, list);
      }
    });
  }
  return results;
}

/** Every combination of the categories of the dimensions, in report order. */
function crossOf(lists: readonly (readonly (string | null)[])[]): (string | null)[][] {
  return lists.reduce<(string | null)[][]>(
    (combos, list) => combos.flatMap((c) => list.map((v) => [...c, v])),
    [[]],
  );
}

/** The cells found, completed with zeros for every category of the closed lists, in order. */
function completeCells(
  found: readonly Cell[],
  dims: Disaggregation,
  context: { period: Period; sites: readonly SiteInfo[]; communes: readonly CommuneInfo[] },
): Cell[] {
  const keyOf = (categories: Partial<Record<Dimension, string | null>>) =>
    JSON.stringify(dims.map((d) => categories[d] ?? null));
  const byKey = new Map(found.map((c) => [keyOf(c.categories), c]));
  const cells: Cell[] = [];
  for (const combo of crossOf(dims.map((d) => categoriesOf(d, context)))) {
    const categories = Object.fromEntries(dims.map((d, i) => [d, combo[i] ?? null]));
    const key = keyOf(categories);
    cells.push(byKey.get(key) ?? { categories, value: 0 });
    byKey.delete(key);
  }
  // Categories outside the lists (a record with no commune; a commune outside every site's area)
  // still count: they come last, so cells always add up to what was recorded. One that counts
  // nothing is left out (a group meeting's own row has no client, so no sex, and no attendance).
  return [...cells, ...[...byKey.values()].filter((c) => c.value !== 0)];
}

/** The project's sites, or those of them listed, in the order reports show them. */
export async function listScopeSites(
  db: Db,
  projectId: string,
  sites: "all" | readonly string[],
): Promise<SiteInfo[]> {
  // Once per snapshot (the programmes' service): the release asks it for each period it publishes.
  const rows = await listSitesOfProject(db, projectId);
  return sites === "all" ? rows : rows.filter((s) => sites.includes(s.id));
}

function listAreaCommunes(db: Db, siteIds: readonly string[]): Promise<CommuneInfo[]> {
  if (siteIds.length === 0) return Promise.resolve([]);
  return readOnce(db, `communes:${siteIds.join(",")}`, async () => {
    const { rows } = await sql<CommuneInfo>`
      select p.id, p.code, p.name, p.kind,
             array_agg(sc.site_id::text order by sc.site_id) as site_ids
        from site_communes sc
        join places p on p.id = sc.place_id
       where sc.site_id in (${sql.join(siteIds)})
       group by p.id, p.code, p.name, p.kind
       order by p.code`.execute(db);
    return rows;
  });
}

async function describeCommunes(db: Db, ids: readonly string[]): Promise<CommuneInfo[]> {
  if (ids.length === 0) return [];
  return (
    await db
      .selectFrom("places")
      .select(["id", "code", "name", "kind"])
      .where("id", "in", ids)
      .orderBy("code")
      .execute()
  ).map((p) => ({ ...p, site_ids: [] }));
}

/** The disaggregations of `by` that an indicator has. */
function applicable(definition: IndicatorDefinition, by: readonly Disaggregation[]) {
  return by.filter(
    (dims) => dims.length > 0 && dims.every((d) => definition.dimensions.includes(d)),
  );
}

/** What each indicator is computed by: what was asked of it, and what its ratios need of it. */
function disaggregationsOf(ids: readonly IndicatorId[], by: Disaggregations = []) {
  const asked = (id: IndicatorId) => (typeof by === "function" ? by(id) : by);
  const result = new Map<IndicatorId, Disaggregation[]>();
  const add = (id: IndicatorId, list: readonly Disaggregation[]) => {
    const own = result.get(id) ?? [];
    const keys = new Set(own.map(disaggregationKey));
    for (const dims of applicable(definitionOf(id), list))
      if (!keys.has(disaggregationKey(dims))) own.push(dims);
    result.set(id, own);
  };
  for (const id of ids) {
    add(id, asked(id));
    const ratio = definitionOf(id).ratio;
    if (ratio) {
      add(ratio.numerator, asked(id));
      add(ratio.denominator, asked(id));
    }
  }
  return (id: IndicatorId) => result.get(id) ?? [];
}

/**
 * The cells an answer holds: each indicator's total and every cell of its breakdowns, with every
 * category of the closed lists, the period's months and the scope's sites and communes (as
 * `completeCells` fills them in).
 */
export function countCells(
  ids: readonly IndicatorId[],
  byOf: (id: IndicatorId) => readonly Disaggregation[],
  context: { period: Period; sites: readonly SiteInfo[]; communes: readonly CommuneInfo[] },
): number {
  const sizes = new Map<Dimension, number>();
  const size = (d: Dimension) => {
    if (!sizes.has(d)) sizes.set(d, categoriesOf(d, context).length);
    return sizes.get(d)!;
  };
  let cells = 0;
  for (const id of ids) {
    cells += 1;
    for (const dims of byOf(id)) cells += dims.reduce((n, d) => n * size(d), 1);
  }
  return cells;
}

function checkBreakdowns(
  limits: BreakdownLimits,
  by: Disaggregations | undefined,
  cells: () => number,
): void {
  if (Array.isArray(by) && by.length > limits.maxDisaggregations) {
    throw new AppError("invalid_parameter", {
      parameter: "by",
      reason: "too_many_disaggregations",
      values: { max: limits.maxDisaggregations },
    });
  }
  const count = cells();
  if (count > limits.maxCells) {
    throw new AppError("invalid_parameter", {
      parameter: "by",
      reason: "too_many_cells",
      values: { cells: count, max: limits.maxCells },
      detail: `the answer would hold ${count} cells`,
    });
  }
}

export async function computeIndicators(db: Db, request: IndicatorRequest): Promise<IndicatorSet> {
  const ids = request.indicators ?? indicatorIds;
  const byOf = disaggregationsOf(ids, request.by);
  const sites = await listScopeSites(db, request.projectId, request.sites);
  const scope: Scope = {
    projectId: request.projectId,
    from: request.period.from,
    to: request.period.to,
    siteIds: request.sites === "all" ? null : sites.map((s) => s.id),
    communeId: request.communeId ?? null,
  };
  const communes = await listAreaCommunes(
    db,
    sites.map((s) => s.id),
  );
  if (request.limits) {
    checkBreakdowns(request.limits, request.by, () =>
      countCells(ids, byOf, { period: request.period, sites, communes }),
    );
  }

  // Ratios need their parts; area figures need people reached.
  const counted = new Set<IndicatorId>();
  for (const id of ids) {
    const ratio = definitionOf(id).ratio;
    if (ratio) {
      counted.add(ratio.numerator);
      counted.add(ratio.denominator);
    } else counted.add(id);
  }
  const bySource = new Map<Source, Wanted[]>();
  for (const id of counted) {
    const found = sourceOf(id);
    if (!found) continue;
    const list = bySource.get(found.source) ?? [];
    list.push({ id, measure: found.measure, by: byOf(id) });
    bySource.set(found.source, list);
  }
  // Sources the reach tables answer are read together: each of those tables once for all of them.
  const running = sources.filter((s) => bySource.has(s));
  const fromReach = running.filter((s) => readsReach(s, scope, bySource.get(s)!));
  const outcomes = await Promise.all([
    ...(fromReach.length > 0
      ? [
          countReach(
            db,
            scope,
            fromReach.flatMap((s) => bySource.get(s)!),
          ),
        ]
      : []),
    ...running
      .filter((s) => !fromReach.includes(s))
      .map((s) => runSource(db, s, scope, bySource.get(s)!)),
  ]);

  // Communes a record names outside every site's area still get a row and a name.
  const known = new Set(communes.map((c) => c.id));
  const named = new Set<string>();
  for (const outcome of outcomes)
    for (const { cells } of outcome.values())
      for (const [key, list] of cells)
        if (key.split("+").includes("commune"))
          for (const c of list) {
            const id = c.categories.commune;
            if (id && !known.has(id)) named.add(id);
          }
  const allCommunes = [...communes, ...(await describeCommunes(db, [...named]))];
  const context = { period: request.period, sites, communes: allCommunes };

  const figures: Partial<Record<IndicatorId, Figure>> = {};
  for (const outcome of outcomes) {
    for (const [id, { total, cells }] of outcome) {
      const figure: Figure = { id, total, by: {} };
      for (const dims of byOf(id)) {
        figure.by[disaggregationKey(dims)] = completeCells(
          cells.get(disaggregationKey(dims)) ?? [],
          dims,
          context,
        );
      }
      figures[id] = figure;
    }
  }
  addAreaFigures(figures, sites, communes, byOf, scope);
  for (const id of ids) {
    const ratio = definitionOf(id).ratio;
    if (ratio) figures[id] = ratioFigure(id, figures, ratio, byOf(id));
  }
  // Only what was asked for (ratios' parts were computed to divide them).
  for (const id of Object.keys(figures) as IndicatorId[]) {
    if (!ids.includes(id)) delete figures[id];
  }
  return {
    projectId: request.projectId,
    period: request.period,
    sites,
    communes: allCommunes,
    communeId: scope.communeId,
    figures,
  };
}

/** Communes in area and the size estimate: properties of the sites, not counts of records. */
function addAreaFigures(
  figures: Partial<Record<IndicatorId, Figure>>,
  sites: readonly SiteInfo[],
  communes: readonly CommuneInfo[],
  byOf: (id: IndicatorId) => readonly Disaggregation[],
  scope: Scope,
) {
  const bySite = (id: IndicatorId) => byOf(id).some((d) => d.length === 1 && d[0] === "site");
  const inArea = (site: SiteInfo) =>
    scope.communeId === null
      ? communes.filter((c) => c.site_ids.includes(site.id)).length
      : communes.some((c) => c.id === scope.communeId && c.site_ids.includes(site.id))
        ? 1
        : 0;
  const communesFigure: Figure = {
    id: "communes_in_area",
    total: sites.reduce((n, s) => n + inArea(s), 0),
    by: {},
  };
  const estimates = sites.map((s) => s.population_size_estimate);
  const estimateFigure: Figure = {
    id: "population_size_estimate",
    // A commune's share of a site's estimate is not known.
    total:
      scope.communeId === null && estimates.every((e) => e !== null)
        ? estimates.reduce<number>((n, e) => n + (e ?? 0), 0)
        : null,
    by: {},
  };
  if (bySite("communes_in_area")) {
    communesFigure.by.site = sites.map((s) => ({ categories: { site: s.id }, value: inArea(s) }));
  }
  if (bySite("population_size_estimate")) {
    estimateFigure.by.site = sites.map((s) => ({
      categories: { site: s.id },
      value: scope.communeId === null ? s.population_size_estimate : null,
    }));
  }
  figures.communes_in_area = communesFigure;
  figures.population_size_estimate = estimateFigure;
}

const divide = (numerator: number | null | undefined, denominator: number | null | undefined) =>
  numerator === null || numerator === undefined || !denominator ? null : numerator / denominator;

/** A ratio, in total and in each cell both parts have. */
function ratioFigure(
  id: IndicatorId,
  figures: Partial<Record<IndicatorId, Figure>>,
  ratio: { numerator: IndicatorId; denominator: IndicatorId },
  by: readonly Disaggregation[],
): Figure {
  const top = figures[ratio.numerator];
  const bottom = figures[ratio.denominator];
  const figure: Figure = { id, total: divide(top?.total, bottom?.total), by: {} };
  for (const dims of by) {
    const key = disaggregationKey(dims);
    const topCells = top?.by[key];
    const bottomCells = bottom?.by[key];
    if (!topCells || !bottomCells) continue;
    const keyOf = (c: Cell) => JSON.stringify(dims.map((d) => c.categories[d] ?? null));
    const bottoms = new Map(bottomCells.map((c) => [keyOf(c), c.value]));
    figure.by[key] = topCells.map((c) => ({
      categories: c.categories,
      value: divide(c.value, bottoms.get(keyOf(c))),
    }));
  }
  return figure;
}

/** The value of a figure in one cell of a disaggregation (0 when the cell is missing). */
export function cellValue(
  figure: Figure | undefined,
  dims: Disaggregation,
  categories: Partial<Record<Dimension, string | null>>,
): number | null {
  const cells = figure?.by[disaggregationKey(dims)];
  if (!cells) return null;
  const cell = cells.find((c) =>
    dims.every((d) => (c.categories[d] ?? null) === (categories[d] ?? null)),
  );
  return cell ? cell.value : 0;
}
