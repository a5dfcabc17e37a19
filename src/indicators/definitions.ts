// Indicator definitions: what each figure counts, how people are de-duplicated, which
// disaggregations it has and whether small public figures are withheld. The SQL that computes them
// is in sources.ts (one query per source, each source feeding several indicators); names are in
// messages.ts (`indicator.<id>`). The same definitions feed the project page, the dashboards, the
// spreadsheets, the PDF report and the DHIS2 export.

/** The seed project's own figures: the project page's Results. */
export const seedIndicatorIds = [
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

export const indicatorIds = [
  ...seedIndicatorIds,
  // Referrals, testing and treatment.
  "referrals_made",
  "referrals_completed",
  "referral_completion_rate",
  "hiv_tests",
  "hiv_positives",
  "hiv_positivity",
  "linked_to_treatment",
  "linkage_rate",
  // Commodities, supervision.
  "commodities_distributed",
  "supervision_visits",
  // Donor-standard (PEPFAR MER style), from the same records.
  "kp_prev",
  "pp_prev",
  "hts_tst",
  "hts_tst_pos",
  "prep_new",
  "tx_new",
] as const;

export type IndicatorId = (typeof indicatorIds)[number];

/**
 * Ways a figure can be broken down. `age_band` is the donors' five-year band at the date of
 * service (age-bands.ts); `month` is the calendar month of the date of service.
 */
export const dimensions = [
  "site",
  "commune",
  "month",
  "sex",
  "age_band",
  "population_group",
  "service",
  "result",
  "modality",
  "testing_status",
  "item",
] as const;
export type Dimension = (typeof dimensions)[number];

/** A breakdown: one dimension, or a cross of several (HTS_TST by age band × sex). */
export type Disaggregation = readonly Dimension[];

/** Groups of indicators in the order a reader follows a client: reached, referred, tested. */
export const indicatorGroups = [
  "reach",
  "groups",
  "services",
  "testing",
  "commodities",
  "capacity",
  "area",
  "donor",
] as const;
export type IndicatorGroup = (typeof indicatorGroups)[number];

export type Unit = "people" | "events" | "items" | "communes" | "ratio";

export interface IndicatorDefinition {
  id: IndicatorId;
  /** What is counted, for the API's readers (English; screens use the translated names). */
  counts: string;
  unit: Unit;
  /**
   * How a person is de-duplicated: "unique" counts each person (or commune, meeting, trainee) once per cell (and once in the
   * total, wherever they were seen); "event" counts every record; "quantity" sums quantities.
   */
  counting: "unique" | "event" | "quantity" | "derived";
  /**
   * True when the figure counts clients or their encounters: public figures from 1 to
   * threshold − 1 are withheld, with complementary suppression in disaggregations.
   */
  aboutClients: boolean;
  /** The disaggregations this indicator has (the dimensions its records carry). */
  dimensions: readonly Dimension[];
  /** For ratios: the indicators divided (a percentage of numerator over denominator). */
  ratio?: { numerator: IndicatorId; denominator: IndicatorId };
  /** The donor's code when it is a donor-standard indicator. */
  donorCode?: string;
  /** Grouping on dashboards and reports. */
  group:
    | "reach"
    | "groups"
    | "services"
    | "testing"
    | "commodities"
    | "capacity"
    | "area"
    | "donor";
}

const place = ["site", "commune", "month"] as const;
const person = ["sex", "age_band", "population_group"] as const;

export const indicatorDefinitions: readonly IndicatorDefinition[] = [
  {
    id: "people_reached",
    counts:
      "unique clients with at least one outreach contact in the period (a person seen at two sites, or in two months, counts once in the total)",
    unit: "people",
    counting: "unique",
    aboutClients: true,
    dimensions: [...place, ...person],
    group: "reach",
  },
  {
    id: "contacts",
    counts: "outreach contacts in the period (every encounter)",
    unit: "events",
    counting: "event",
    aboutClients: true,
    dimensions: [...place, ...person],
    group: "reach",
  },
  {
    id: "group_sessions",
    counts: "group meetings held in the period",
    unit: "events",
    counting: "event",
    aboutClients: false,
    dimensions: place,
    group: "groups",
  },
  {
    id: "group_attendances",
    counts: "attendances at group meetings in the period (a person at two meetings counts twice)",
    unit: "events",
    counting: "event",
    aboutClients: true,
    dimensions: [...place, ...person],
    group: "groups",
  },
  {
    id: "hiv_test_visits",
    counts: "referrals to HIV testing (VCT) where the client arrived in the period",
    unit: "events",
    counting: "event",
    aboutClients: true,
    dimensions: [...place, ...person],
    group: "testing",
  },
  {
    id: "condoms_distributed",
    counts: "condoms handed out in the period",
    unit: "items",
    counting: "quantity",
    aboutClients: false,
    dimensions: ["site", "month"],
    group: "commodities",
  },
  {
    id: "trainings",
    counts:
      "initial and refresher trainings starting in the period (at a site: those with a participant from it)",
    unit: "events",
    counting: "event",
    aboutClients: false,
    dimensions: ["site", "month"],
    group: "capacity",
  },
  {
    id: "people_trained",
    counts: "unique staff who took part in an initial or refresher training in the period",
    unit: "people",
    counting: "unique",
    aboutClients: false,
    dimensions: ["site", "month"],
    group: "capacity",
  },
  {
    id: "coaching_rounds",
    counts: "on-the-job coaching rounds held at sites in the period",
    unit: "events",
    counting: "event",
    aboutClients: false,
    dimensions: ["site", "month"],
    group: "capacity",
  },
  {
    id: "communes_covered",
    counts:
      "communes of the site's area where at least one outreach contact took place in the period",
    unit: "communes",
    counting: "unique",
    aboutClients: false,
    dimensions: ["site", "month"],
    group: "area",
  },
  {
    id: "communes_in_area",
    counts: "communes in the site's area",
    unit: "communes",
    counting: "derived",
    aboutClients: false,
    dimensions: ["site"],
    group: "area",
  },
  {
    id: "population_size_estimate",
    counts: "estimated size of the target population in the site's area",
    unit: "people",
    counting: "derived",
    aboutClients: false,
    dimensions: ["site"],
    group: "area",
  },
  {
    id: "reach_vs_estimate",
    counts: "people reached divided by the population size estimate",
    unit: "ratio",
    counting: "derived",
    aboutClients: false,
    dimensions: ["site"],
    ratio: { numerator: "people_reached", denominator: "population_size_estimate" },
    group: "area",
  },
  {
    id: "referrals_made",
    counts: "referrals made in the period, to any service",
    unit: "events",
    counting: "event",
    aboutClients: true,
    dimensions: [...place, ...person, "service"],
    group: "services",
  },
  {
    id: "referrals_completed",
    counts:
      "referrals made in the period where the client arrived at the service (whenever they arrived)",
    unit: "events",
    counting: "event",
    aboutClients: true,
    dimensions: [...place, ...person, "service"],
    group: "services",
  },
  {
    id: "referral_completion_rate",
    counts: "referrals completed divided by referrals made",
    unit: "ratio",
    counting: "derived",
    aboutClients: false,
    dimensions: ["site", "month", "service"],
    ratio: { numerator: "referrals_completed", denominator: "referrals_made" },
    group: "services",
  },
  {
    id: "hiv_tests",
    counts: "HIV tests whose result was recorded in the period",
    unit: "events",
    counting: "event",
    aboutClients: true,
    dimensions: [...place, ...person, "result", "modality"],
    group: "testing",
  },
  {
    id: "hiv_positives",
    counts: "HIV tests with a positive result recorded in the period",
    unit: "events",
    counting: "event",
    aboutClients: true,
    dimensions: [...place, ...person, "modality"],
    group: "testing",
  },
  {
    id: "hiv_positivity",
    counts: "positive results divided by tests with a result",
    unit: "ratio",
    counting: "derived",
    aboutClients: false,
    dimensions: ["site", "month"],
    ratio: { numerator: "hiv_positives", denominator: "hiv_tests" },
    group: "testing",
  },
  {
    id: "linked_to_treatment",
    counts:
      "positive results in the period where the client later arrived at an ART service (referral to ART with an arrival on or after the result)",
    unit: "events",
    counting: "event",
    aboutClients: true,
    dimensions: [...place, ...person],
    group: "testing",
  },
  {
    id: "linkage_rate",
    counts: "positive results linked to treatment divided by positive results",
    unit: "ratio",
    counting: "derived",
    aboutClients: false,
    dimensions: ["site", "month"],
    ratio: { numerator: "linked_to_treatment", denominator: "hiv_positives" },
    group: "testing",
  },
  {
    id: "commodities_distributed",
    counts: "items handed out in the period (condoms, lubricant, needles and syringes, …)",
    unit: "items",
    counting: "quantity",
    aboutClients: false,
    dimensions: ["site", "month", "item"],
    group: "commodities",
  },
  {
    id: "supervision_visits",
    counts: "supervision visits to sites in the period",
    unit: "events",
    counting: "event",
    aboutClients: false,
    dimensions: ["site", "month"],
    group: "capacity",
  },
  {
    id: "kp_prev",
    counts:
      "unique key-population members (people who use or inject drugs, sex workers, men who have sex with men, transgender people) reached with individual or small-group prevention (an outreach contact or a group meeting) in the period",
    unit: "people",
    counting: "unique",
    aboutClients: true,
    dimensions: [...place, ...person, "testing_status"],
    donorCode: "KP_PREV",
    group: "donor",
  },
  {
    id: "pp_prev",
    counts:
      "unique priority-population members (partners of people who use drugs, others) reached with individual or small-group prevention in the period",
    unit: "people",
    counting: "unique",
    aboutClients: true,
    dimensions: [...place, ...person, "testing_status"],
    donorCode: "PP_PREV",
    group: "donor",
  },
  {
    id: "hts_tst",
    counts: "HIV tests with a result received in the period (HTS_TST)",
    unit: "events",
    counting: "event",
    aboutClients: true,
    dimensions: [...place, ...person, "result", "modality"],
    donorCode: "HTS_TST",
    group: "donor",
  },
  {
    id: "hts_tst_pos",
    counts: "HIV tests with a positive result received in the period (HTS_TST_POS)",
    unit: "events",
    counting: "event",
    aboutClients: true,
    dimensions: [...place, ...person, "modality"],
    donorCode: "HTS_TST_POS",
    group: "donor",
  },
  {
    id: "prep_new",
    counts:
      "clients whose first ever arrival at a PrEP service (a completed PrEP referral) falls in the period",
    unit: "people",
    counting: "unique",
    aboutClients: true,
    dimensions: [...place, ...person],
    donorCode: "PrEP_NEW",
    group: "donor",
  },
  {
    id: "tx_new",
    counts:
      "clients whose first ever arrival at an ART service (a completed ART referral) falls in the period",
    unit: "people",
    counting: "unique",
    aboutClients: true,
    dimensions: [...place, ...person],
    donorCode: "TX_NEW",
    group: "donor",
  },
];

export const definitionOf = (id: IndicatorId): IndicatorDefinition =>
  indicatorDefinitions.find((d) => d.id === id)!;

/**
 * Public figures about clients that are above zero and below this are withheld ("<5"), unless the
 * operator sets another threshold (PUBLIC_MIN_COUNT, src/config.ts).
 */
export const publicSuppressionThreshold = 5;

/**
 * Population groups that count as key populations for KP_PREV; the others (partners of people
 * who use drugs, other) are priority populations (PP_PREV).
 */
export const keyPopulations = ["pwud", "pwid", "sex_worker", "msm", "transgender"] as const;

/**
 * Testing status for KP_PREV / PP_PREV, per person in the period: known positive (a positive
 * result recorded before their first prevention contact in the period), tested or referred for
 * testing in the period, or neither.
 */
export const testingStatuses = ["known_positive", "tested_or_referred", "not_tested"] as const;

/**
 * HTS modality. Every test Peerlink records is a referral from outreach to a testing facility,
 * which the donors' list calls VCT (facility-based voluntary counselling and testing after a
 * community referral). The list is here so a programme that records community or index testing
 * can add its modalities, and the DHIS2 mapping keys on it.
 */
export const testModalities = ["vct"] as const;
