// The PDF project report as words ready to lay out, in the seed report's order: the project's
// name and facts (sponsor, period, the report's period and scope, whether small figures are
// withheld), background, objectives, target populations, locations, results (report-results.ts),
// enablers, difficulties, lessons, recommendations, then the sponsors and partners.
import type { NarrativeField } from "../../db/schema.js";
import { type Locale, timeZone } from "../../lib/i18n.js";
import { type Translator, translator } from "../../messages.js";
import { type OrganisationView, pick } from "../../programmes/service.js";
import { capitalise, formatLongDate, formatPeriod } from "../../site/dates.js";
import { organisationLabel } from "../../site/pages/facts.js";
import type { Report } from "../report.js";
import type { ReportNarrative } from "./report-narrative.js";
import { describeReportResults, type ReportResultsView } from "./report-results.js";

export interface ReportOptions {
  /** When the report is made: its "prepared on" date. */
  now?: Date;
  /** The report covers every site of the project (the facts say so, not only their names). */
  allSites?: boolean;
}

export interface FactView {
  label: string;
  value: string;
}

export interface SectionView {
  field: NarrativeField;
  heading: string;
  kind: "prose" | "list";
  parts: string[];
  /** Set when the text is shown in Vietnamese because it has no translation. */
  lang?: Locale;
}

export interface SupporterView {
  role: string;
  name: string;
  about: string;
}

export interface ReportView {
  locale: Locale;
  /** The PDF's title (its metadata). */
  documentTitle: string;
  kicker: string;
  projectName: string;
  organisation: string | undefined;
  facts: FactView[];
  summary: string;
  before: SectionView[];
  resultsHeading: string;
  results: ReportResultsView;
  after: SectionView[];
  supportersHeading: string;
  supporters: SupporterView[];
  source: string;
  /** The running header and footer of every page. */
  header: { project: string; period: string };
  footer: { organisation: string; page: string };
}

const proseBeforeResults = ["background", "objectives", "target_populations", "locations"] as const;
const listsAfterResults = ["enablers", "difficulties", "lessons", "recommendations"] as const;

/** The calendar date of an instant in Việt Nam (YYYY-MM-DD). */
export function localDate(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(instant);
}

function section(
  t: Translator,
  narrative: ReportNarrative,
  field: NarrativeField,
  kind: SectionView["kind"],
): SectionView | undefined {
  const own = narrative.sections[field][t.locale];
  const parts = own.length > 0 ? own : narrative.sections[field].vi;
  if (parts.length === 0) return undefined;
  return {
    field,
    heading: t.t(`site.project.section.${field}`),
    kind,
    parts,
    ...(own.length === 0 ? { lang: "vi" as const } : {}),
  };
}

function scopeOf(t: Translator, report: Report, allSites: boolean): string {
  // A quarter of the public figures is for all sites together, without a row per site.
  if (report.set.sites.length === 0) return t.t("report.scope.all_sites_together");
  const sites = report.set.sites.map((s) => (t.locale === "vi" ? s.name_vi : s.name_en)).join(", ");
  return allSites ? t.t("report.scope.all_sites", { sites }) : t.t("report.scope.sites", { sites });
}

export function describeReport(
  report: Report,
  narrative: ReportNarrative,
  locale: Locale,
  options: ReportOptions = {},
): ReportView {
  const t = translator(locale);
  const projectName = t.locale === "vi" ? report.project.name_vi : report.project.name_en;
  const period = capitalise(formatPeriod(t, report.set.period.from, report.set.period.to), t);
  const preparedOn = formatLongDate(t, localDate(options.now ?? new Date()));
  const prepared = capitalise(preparedOn, t);
  const names = (organisations: OrganisationView[]) =>
    organisations.map((o) => organisationLabel(o, locale)).join(", ");

  const facts: FactView[] = [];
  if (narrative.sponsors.length > 0) {
    facts.push({ label: t.t("site.project.funded_by"), value: names(narrative.sponsors) });
  }
  if (narrative.partners.length > 0) {
    facts.push({ label: t.t("site.project.partners"), value: names(narrative.partners) });
  }
  facts.push(
    {
      label: t.t("site.project.period"),
      value: capitalise(formatPeriod(t, report.project.starts_on, report.project.ends_on), t),
    },
    { label: t.t("report.fact.period"), value: period },
    { label: t.t("report.fact.scope"), value: scopeOf(t, report, options.allSites ?? false) },
    {
      label: t.t("report.fact.figures"),
      value: report.public
        ? t.t("report.figures.public", { threshold: report.threshold })
        : t.t("report.figures.internal"),
    },
    { label: t.t("report.fact.prepared"), value: prepared },
  );

  const sections = (fields: readonly NarrativeField[], kind: SectionView["kind"]) =>
    fields.flatMap((field) => section(t, narrative, field, kind) ?? []);
  const supporter = (role: string) => (o: OrganisationView) => ({
    role,
    name: organisationLabel(o, locale),
    about: pick(o.about, locale),
  });
  const organisation = narrative.implementer && organisationLabel(narrative.implementer, locale);

  return {
    locale,
    documentTitle: `${t.t("report.title")}: ${projectName} (${period})`,
    kicker: t.t("report.title"),
    projectName,
    organisation,
    facts,
    summary: pick(narrative.summary, locale),
    before: sections(proseBeforeResults, "prose"),
    resultsHeading: t.t("site.project.section.results"),
    results: describeReportResults(report, locale),
    after: sections(listsAfterResults, "list"),
    supportersHeading: t.t("report.section.sponsors"),
    supporters: [
      ...narrative.sponsors.map(supporter(t.t("report.sponsors.sponsor"))),
      ...narrative.partners.map(supporter(t.t("report.sponsors.partner"))),
    ],
    source: t.t("report.note.source", { date: preparedOn }),
    header: { project: projectName, period },
    footer: {
      organisation: narrative.implementer?.shortName ?? "Peerlink",
      page: t.t("report.footer.page", { page: "{page}", pages: "{pages}" }),
    },
  };
}
