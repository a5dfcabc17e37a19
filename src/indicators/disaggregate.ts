// Unique people reached in a project and period, disaggregated: the shape dashboards, reports and
// the DHIS2 export read. The counting is in disaggregation-queries.ts; here the rows become one
// list of cells per disaggregation, with every category of the closed lists present (a zero is a
// figure too: DHIS2 and the spreadsheets want the full set of cells), and the public figures
// after small-cell suppression.
import type { Db } from "../db/connection.js";
import type { PopulationGroup, Sex } from "../db/schema.js";
import { ageBandLabels } from "./age-bands.js";
import {
  type CellRow,
  countPeopleReachedBy,
  type Dimension,
  dimensions,
} from "./disaggregation-queries.js";
import type { Period } from "./periods.js";
import { type SuppressedDisaggregation, suppressDisaggregation } from "./suppression.js";

/** A category of a disaggregation; null is "not recorded" (a contact without a commune). */
export interface DisaggregatedCell {
  category: string | null;
  people: number;
}

export interface PeopleReached {
  period: Period;
  total: number;
  by: Partial<Record<Dimension, DisaggregatedCell[]>>;
}

// Kept in the order of the schema's check constraints: the order reports print them in.
const sexes: readonly Sex[] = ["female", "male", "other"];
const populationGroups: readonly PopulationGroup[] = [
  "partner_pwud",
  "pwud",
  "pwid",
  "sex_worker",
  "msm",
  "transgender",
  "other",
];

/** Categories every report shows even when empty. Sites and communes come from the caller. */
const closedCategories: Partial<Record<Dimension, readonly string[]>> = {
  sex: sexes,
  age_band: ageBandLabels,
  population_group: populationGroups,
};

/** Sex, age band and population group put each person in exactly one cell. */
export const partitioningDimensions: readonly Dimension[] = ["sex", "age_band", "population_group"];

export async function peopleReached(
  db: Db,
  request: { projectId: string; period: Period; siteId?: string; by?: readonly Dimension[] },
): Promise<PeopleReached> {
  const by = request.by ?? dimensions;
  const rows = await countPeopleReachedBy(db, {
    projectId: request.projectId,
    from: request.period.from,
    to: request.period.to,
    siteId: request.siteId,
    by,
  });
  // Over no contacts the () grouping set still gives its row (people 0); read it defensively.
  const total = rows.find((r) => r.dimension === "total")?.people ?? 0;
  const result: PeopleReached = { period: request.period, total, by: {} };
  for (const dimension of dimensions.filter((d) => by.includes(d))) {
    result.by[dimension] = cellsOf(rows, dimension);
  }
  return result;
}

function cellsOf(rows: readonly CellRow[], dimension: Dimension): DisaggregatedCell[] {
  const found = rows.filter((r) => r.dimension === dimension);
  const closed = closedCategories[dimension];
  if (!closed) {
    // Open lists (sites, communes): the cells with people, in a stable order, "not recorded" last.
    return found
      .map((r) => ({ category: r.category, people: r.people }))
      .sort((a, b) =>
        a.category === b.category
          ? 0
          : a.category === null
            ? 1
            : b.category === null
              ? -1
              : a.category.localeCompare(b.category),
      );
  }
  const cells = closed.map((category) => ({
    category,
    people: found.find((r) => r.category === category)?.people ?? 0,
  }));
  // The closed list mirrors the schema's checks; a category outside it means they drifted apart.
  for (const row of found) {
    if (!closed.includes(row.category ?? "")) {
      throw new Error(`unexpected ${dimension} category ${row.category} in people reached`);
    }
  }
  return cells;
}

/**
 * The public form of the partitioning disaggregations: each one suppressed on its own against the
 * total. Site and commune cells overlap, so they are left out here until they have a rule.
 */
export function publicPeopleReached(
  figures: PeopleReached,
  threshold?: number,
): Partial<Record<Dimension, SuppressedDisaggregation>> {
  const published: Partial<Record<Dimension, SuppressedDisaggregation>> = {};
  for (const dimension of partitioningDimensions) {
    const cells = figures.by[dimension];
    if (!cells) continue;
    published[dimension] = suppressDisaggregation(
      figures.total,
      cells.map((c) => ({ key: c.category ?? "", value: c.people })),
      threshold,
    );
  }
  // Each partition adds up to the total, so a total withheld in one is withheld in all: a fully
  // published sex split would otherwise give back the total the age split had to hide.
  if (Object.values(published).some((d) => d.totalWithheld)) {
    for (const d of Object.values(published)) {
      d.total = null;
      d.totalWithheld = true;
      d.cells = d.cells.map((c) => ({ key: c.key, value: null, withheld: "total_withheld" }));
    }
  }
  return published;
}
