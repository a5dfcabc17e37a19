// Indicator definitions v1: what each figure counts and how people are de-duplicated. The SQL that
// computes them is in queries.ts; names are in messages.ts (`indicator.<id>`).
export const indicatorIds = [
  "people_reached",
  "contacts",
  "group_sessions",
  "group_attendances",
  "hiv_test_visits",
  "condoms_distributed",
  "trainings",
  "people_trained",
  "coaching_rounds",
  "communes_covered",
  "communes_in_area",
  "population_size_estimate",
  "reach_vs_estimate",
] as const;

export type IndicatorId = (typeof indicatorIds)[number];

export interface IndicatorDefinition {
  id: IndicatorId;
  /** What is counted, for the API's readers (English; the page uses the translated names). */
  counts: string;
  unit: "people" | "events" | "items" | "communes" | "ratio";
  /**
   * True when the figure counts clients or their encounters: a small non-zero value could point at
   * a person, so public figures below the threshold are withheld.
   */
  aboutClients: boolean;
}

export const indicatorDefinitions: readonly IndicatorDefinition[] = [
  {
    id: "people_reached",
    counts:
      "unique clients with at least one outreach contact in the period (a person seen at two sites counts once in the total)",
    unit: "people",
    aboutClients: true,
  },
  {
    id: "contacts",
    counts: "outreach contacts in the period (every encounter)",
    unit: "events",
    aboutClients: true,
  },
  {
    id: "group_sessions",
    counts: "group meetings held in the period",
    unit: "events",
    aboutClients: false,
  },
  {
    id: "group_attendances",
    counts: "attendances at group meetings in the period (a person at two meetings counts twice)",
    unit: "events",
    aboutClients: true,
  },
  {
    id: "hiv_test_visits",
    counts: "referrals to HIV testing (VCT) where the client arrived in the period",
    unit: "events",
    aboutClients: true,
  },
  {
    id: "condoms_distributed",
    counts: "condoms handed out in the period",
    unit: "items",
    aboutClients: false,
  },
  {
    id: "trainings",
    counts:
      "initial and refresher trainings starting in the period (at a site: those with a participant from it)",
    unit: "events",
    aboutClients: false,
  },
  {
    id: "people_trained",
    counts: "unique staff who took part in an initial or refresher training in the period",
    unit: "people",
    aboutClients: false,
  },
  {
    id: "coaching_rounds",
    counts: "on-the-job coaching rounds held at sites in the period",
    unit: "events",
    aboutClients: false,
  },
  {
    id: "communes_covered",
    counts:
      "communes of the site's area where at least one outreach contact took place in the period",
    unit: "communes",
    aboutClients: false,
  },
  {
    id: "communes_in_area",
    counts: "communes in the site's area",
    unit: "communes",
    aboutClients: false,
  },
  {
    id: "population_size_estimate",
    counts: "estimated size of the target population in the site's area",
    unit: "people",
    aboutClients: false,
  },
  {
    id: "reach_vs_estimate",
    counts: "people reached divided by the population size estimate",
    unit: "ratio",
    aboutClients: false,
  },
];

/** Public figures about clients that are above zero and below this are withheld ("<5"). */
export const publicSuppressionThreshold = 5;
