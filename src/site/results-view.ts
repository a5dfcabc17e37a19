// A project's computed results as the project page shows them: the seed report's list of results,
// written as sentences, and a table by site. Withheld figures (small counts about clients) are
// written as "dưới 5" / "fewer than 5" in sentences and "<5" in the table (5 or the threshold the
// results were published with); they never show a number.
import type {
  ResultsIndicatorId as IndicatorId,
  IndicatorValues,
  ProjectResults,
} from "../indicators/service.js";
import type { MessageKey, Translator } from "../messages.js";
import { pick } from "../programmes/service.js";
import { formatPeriod } from "./dates.js";
import { hasIllustrativeFigures } from "./illustrative.js";

export interface ResultsRowView {
  name: string;
  /** Communes covered / communes in the site's area, e.g. "9/19". */
  communes: string;
  peopleReached: string;
  estimate: string;
  reach: string;
}

/** One of the few figures shown first, at the top of a project page. */
export interface HighlightView {
  value: string;
  label: string;
}

export interface ResultsView {
  /** The headline figures for the top of the page (people reached, HIV tests, condoms …). */
  highlights: HighlightView[];
  /** The period the figures cover, e.g. "tháng 7 – tháng 10/2011". */
  period: string;
  lines: string[];
  rows: ResultsRowView[];
  total: ResultsRowView;
  /** Per-site reach and reach rates are demo data (see illustrative.ts). */
  illustrative: boolean;
  /** The suppression threshold as written in "<5" and the notes. */
  threshold: string;
  notes: { total: boolean; withheld: boolean; protecting: boolean; noEstimate: boolean };
}

interface Figures {
  values: IndicatorValues;
  /** Figures in `suppressed` are from 1 to threshold − 1. */
  threshold: number;
  suppressed: readonly IndicatorId[];
  /** Withheld to protect a small figure elsewhere: not small themselves, so never "<5". */
  protecting: readonly IndicatorId[];
}

function isWithheld(figures: Figures, id: IndicatorId): boolean {
  return figures.values[id] === null && figures.suppressed.includes(id);
}

/** A count inside a sentence. */
function sentenceFigure(t: Translator, figures: Figures, id: IndicatorId): string {
  if (isWithheld(figures, id)) {
    return t.t("site.results.fewer_than", { threshold: t.number(figures.threshold) });
  }
  if (figures.protecting.includes(id)) return t.t("site.results.not_published");
  return t.number(figures.values[id] ?? 0);
}

/** A count in a table cell. */
function cellFigure(t: Translator, figures: Figures, id: IndicatorId): string {
  if (isWithheld(figures, id)) {
    return t.t("site.results.withheld_cell", { threshold: t.number(figures.threshold) });
  }
  if (figures.protecting.includes(id)) return t.t("site.results.protecting_cell");
  const value = figures.values[id];
  return value === null ? t.t("site.results.no_estimate") : t.number(value);
}

/**
 * A withheld reach rate is written as the bound it is known to be under (fewer than 5 of 180 is
 * "<3%"): "<5" would read as "under 5 %", and the bound reveals no more than "<5" does.
 */
function reachCell(t: Translator, figures: Figures): string {
  const { reach_vs_estimate: ratio, population_size_estimate: estimate } = figures.values;
  if (figures.protecting.includes("people_reached")) return t.t("site.results.protecting_cell");
  if (isWithheld(figures, "reach_vs_estimate") && estimate) {
    const bound = Math.ceil((figures.threshold / estimate) * 100) / 100;
    return t.t("site.results.withheld_cell", { threshold: formatPercent(t, bound) });
  }
  return ratio === null ? t.t("site.results.no_estimate") : formatPercent(t, ratio);
}

function formatPercent(t: Translator, ratio: number): string {
  return t.number(ratio, { style: "percent", maximumFractionDigits: 0 });
}

function toRow(t: Translator, name: string, figures: Figures): ResultsRowView {
  const { communes_covered: covered, communes_in_area: inArea } = figures.values;
  return {
    name,
    communes: `${t.number(covered ?? 0)}/${t.number(inArea ?? 0)}`,
    peopleReached: cellFigure(t, figures, "people_reached"),
    estimate: cellFigure(t, figures, "population_size_estimate"),
    reach: reachCell(t, figures),
  };
}

/** Coaching is done site by site: "2 rounds at each of the 3 sites" when every site had the same. */
function coachingLine(t: Translator, results: ProjectResults): string | undefined {
  const total = results.total.coaching_rounds ?? 0;
  if (total === 0) return undefined;
  // A quarter of the public figures is for all sites together: no site to name.
  if (results.sites.length === 0) return t.t("site.results.coaching_total", { rounds: total });
  const perSite = results.sites.map((site) => site.values.coaching_rounds ?? 0);
  const [first = 0] = perSite;
  if (perSite.length > 1 && perSite.every((rounds) => rounds === first)) {
    return t.t("site.results.coaching_each_site", { rounds: first, sites: perSite.length });
  }
  return t.t("site.results.coaching", {
    rounds: total,
    sites: perSite.filter((rounds) => rounds > 0).length,
  });
}

/** The seed report's list; a line whose figures are all zero is left out (the project did not do it). */
function resultLines(t: Translator, results: ProjectResults, total: Figures): string[] {
  const value = (id: IndicatorId) => total.values[id] ?? 0;
  const figure = (id: IndicatorId) => sentenceFigure(t, total, id);
  const lines = [
    t.t("site.results.people_reached", {
      people: figure("people_reached"),
      contacts: figure("contacts"),
    }),
  ];
  if (value("group_sessions") > 0) {
    lines.push(
      t.t("site.results.group_meetings", {
        attendances: figure("group_attendances"),
        sessions: value("group_sessions"),
      }),
    );
  }
  if (isWithheld(total, "hiv_test_visits") || value("hiv_test_visits") > 0) {
    lines.push(t.t("site.results.hiv_tests", { visits: figure("hiv_test_visits") }));
  }
  if (value("condoms_distributed") > 0) {
    lines.push(t.t("site.results.condoms", { condoms: value("condoms_distributed") }));
  }
  if (value("trainings") > 0) {
    lines.push(
      t.t("site.results.trainings", {
        trainings: value("trainings"),
        trained: value("people_trained"),
      }),
    );
  }
  const coaching = coachingLine(t, results);
  if (coaching) lines.push(coaching);
  return lines;
}

/**
 * The figures a visitor meets first: people reached, contacts, HIV test visits and condoms, each
 * when the project did it (or when it is withheld, which says so), written as the list does.
 */
function highlights(t: Translator, total: Figures): HighlightView[] {
  const shown: HighlightView[] = [];
  const add = (id: IndicatorId) => {
    if (!isWithheld(total, id) && (total.values[id] ?? 0) === 0) return;
    shown.push({
      value: sentenceFigure(t, total, id),
      label: t.t(`site.highlights.${id}` as MessageKey),
    });
  };
  for (const id of [
    "people_reached",
    "contacts",
    "hiv_test_visits",
    "condoms_distributed",
  ] as const) {
    add(id);
  }
  return shown;
}

export function describeResults(t: Translator, results: ProjectResults): ResultsView {
  const { threshold } = results;
  const total: Figures = {
    values: results.total,
    threshold,
    suppressed: results.suppressed,
    protecting: results.protecting,
  };
  const sites = results.sites.map((site) => ({
    name: pick(site.name, t.locale),
    figures: {
      values: site.values,
      threshold,
      suppressed: site.suppressed,
      protecting: site.protecting,
    } satisfies Figures,
  }));
  const everyFigures = [total, ...sites.map((site) => site.figures)];
  return {
    period: formatPeriod(t, results.period.from, results.period.to),
    highlights: highlights(t, total),
    lines: resultLines(t, results, total),
    rows: sites.map((site) => toRow(t, site.name, site.figures)),
    total: toRow(t, t.t("site.results.total"), total),
    illustrative: hasIllustrativeFigures(results.project),
    threshold: t.number(threshold),
    notes: {
      total: sites.length > 1,
      withheld: everyFigures.some((figures) => figures.suppressed.length > 0),
      protecting: everyFigures.some((figures) => figures.protecting.length > 0),
      noEstimate: everyFigures.some((figures) => figures.values.population_size_estimate === null),
    },
  };
}
