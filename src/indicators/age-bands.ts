// The donors' age bands (PEPFAR MER, as the HTS and KP disaggregations use them), and age at the
// date of service. One table of bands feeds both the TypeScript function and the SQL CASE
// expression, so a figure computed in the database and one computed here can never disagree.
//
// THE AGE RULE. A client records only a birth year (a full birth date is identifying and rarely
// known), so the exact age on a given day is unknowable for anyone whose birthday falls inside the
// year. Peerlink uses: age = year of service − birth year, i.e. the age the person reaches during
// that calendar year (their age on 31 December). Consequences, stated so reports can say them:
// - the band changes on 1 January, not on the (unknown) birthday: someone born in 1996 is 14 on
//   31 December 2010 and 15 on 1 January 2011, whatever their real birthday;
// - within a year, it overstates the age by one for people whose birthday is still to come, so at a
//   band's lower edge (15, 20, …, 50) up to a year's worth of people are counted one band up;
// - it is stable: two contacts in the same year always give the same age, and no assumption of a
//   mid-year birthday has to be explained.
import { type RawBuilder, sql } from "kysely";

export interface AgeBand {
  label: string;
  /** Inclusive lower age. */
  min: number;
  /** Inclusive upper age; null for the open top band. */
  max: number | null;
}

export const ageBands = [
  { label: "<15", min: 0, max: 14 },
  { label: "15-19", min: 15, max: 19 },
  { label: "20-24", min: 20, max: 24 },
  { label: "25-29", min: 25, max: 29 },
  { label: "30-34", min: 30, max: 34 },
  { label: "35-39", min: 35, max: 39 },
  { label: "40-44", min: 40, max: 44 },
  { label: "45-49", min: 45, max: 49 },
  { label: "50+", min: 50, max: null },
] as const satisfies readonly AgeBand[];

export type AgeBandLabel = (typeof ageBands)[number]["label"] | typeof unknownAgeBand;

/**
 * A birth year after the year of service is a recording error. The person still counts in the
 * total, so they go to this cell rather than vanishing — the bands then still add up to the total.
 */
export const unknownAgeBand = "unknown";

export const ageBandLabels: readonly AgeBandLabel[] = [
  ...ageBands.map((b) => b.label),
  unknownAgeBand,
];

/** Age at the date of service by the rule above. `serviceDate` is YYYY-MM-DD. */
export function ageAtService(birthYear: number, serviceDate: string): number {
  return Number(serviceDate.slice(0, 4)) - birthYear;
}

export function ageBandOf(age: number): AgeBandLabel {
  if (!Number.isInteger(age) || age < 0) return unknownAgeBand;
  for (const band of ageBands) {
    if (band.max === null || age <= band.max) return band.label;
  }
  return unknownAgeBand;
}

/**
 * The same banding as SQL, for a query: `birthYear` and `serviceDate` are SQL expressions (a
 * smallint column and a date). Built from `ageBands`, so the two cannot drift apart.
 */
export function sqlAgeBand(birthYear: RawBuilder<unknown>, serviceDate: RawBuilder<unknown>) {
  const age = sql`(extract(year from ${serviceDate})::int - ${birthYear})`;
  const branches = ageBands.map((band) =>
    band.max === null
      ? sql`when ${age} >= ${sql.lit(band.min)} then ${sql.lit(band.label)}`
      : sql`when ${age} between ${sql.lit(band.min)} and ${sql.lit(band.max)} then ${sql.lit(band.label)}`,
  );
  return sql<AgeBandLabel>`(case ${sql.join(branches, sql` `)} else ${sql.lit(unknownAgeBand)} end)`;
}
