// A project's public page, with the sections of the organisation's project reports in their
// order: name, sponsor, period, background, objectives, target populations, locations, results
// (computed from the records), enablers, difficulties, lessons learnt, recommendations.
import { allSections, type SectionName, sectionNames } from "../../content/fields.js";
import type { PublicItem } from "../../content/published.js";
import type { NarrativeField } from "../../db/schema.js";
import type { ProjectResults } from "../../indicators/service.js";
import type { Locale } from "../../lib/i18n.js";
import { type MessageKey, type Translator, translator } from "../../messages.js";
import { type OrganisationView, type ProjectView, pick } from "../../programmes/service.js";
import { capitalise, formatLongDate, formatPeriod } from "../dates.js";
import { projectReportPath } from "../paths.js";
import { describeResults, type ResultsView } from "../results-view.js";
import { Cover, Html } from "./content.js";
import { type Fact, Facts, organisationLabel } from "./facts.js";
import { FundsSection, type FundsSectionProps } from "./funds.js";
import { renderDocument } from "./layout.js";
import { ResultsSection } from "./results.js";

export interface ProjectPageProps {
  locale: Locale;
  project: ProjectView;
  /** Null until the project's first quarter has ended (indicators/release.ts). */
  results: ProjectResults | null;
  organisation: OrganisationView | undefined;
  publicUrl: string;
  /** The narrative sections written as content (src/content/), which replace the programme's. */
  narrative?: PublicItem | undefined;
  /** An editor's preview of the narrative: a banner, and never indexed. */
  preview?: boolean;
  /** The project fund's public figures and named donors (left out in an editor's preview). */
  funds?: Omit<FundsSectionProps, "t" | "slug"> | undefined;
}

const proseBeforeResults = ["background", "objectives", "target_populations", "locations"] as const;
const listsAfterResults = ["enablers", "difficulties", "lessons", "recommendations"] as const;

/** The programme's narrative field that each content section replaces, in the same order. */
const programmeFieldOf: Record<SectionName, NarrativeField> = {
  background: "background",
  objectives: "objectives",
  target_groups: "target_populations",
  areas: "locations",
  enablers: "enablers",
  difficulties: "difficulties",
  lessons: "lessons",
  recommendations: "recommendations",
};

/** The heading of each content section: the project page's own. */
export const sectionHeadingKey = Object.fromEntries(
  sectionNames.map((name) => [name, `site.project.section.${programmeFieldOf[name]}`]),
) as Record<SectionName, MessageKey>;

export function renderProjectPage({
  locale,
  project,
  results,
  organisation,
  publicUrl,
  narrative,
  preview = false,
  funds,
}: ProjectPageProps): string {
  const t = translator(locale);
  const name = pick(project.name, locale);
  const view = results ? describeResults(t, results) : null;
  const sections = narrative?.html.sections && allSections(narrative.html.sections);
  const section = (field: NarrativeField) => {
    if (!sections) return <NarrativeSection key={field} t={t} project={project} field={field} />;
    const contentName = sectionNames.find((n) => programmeFieldOf[n] === field)!;
    return <ContentSection key={field} t={t} name={contentName} html={sections[contentName]} />;
  };
  return renderDocument({
    t,
    page: { kind: "project", slug: project.slug },
    title: name,
    description: pick(project.summary, locale) || name,
    publicUrl,
    organisation,
    preview,
    children: (
      <article class="wrap wrap--text">
        <header class="page-header">
          <h1>{name}</h1>
          <Facts facts={projectFacts(t, project)} />
        </header>
        {narrative?.picture && <Cover picture={narrative.picture} locale={locale} />}
        {view && <Highlights t={t} view={view} slug={project.slug} />}
        {proseBeforeResults.map(section)}
        {view ? (
          <ResultsSection t={t} view={view} />
        ) : (
          <section id="results" class="section results" aria-labelledby="results-heading">
            <h2 id="results-heading">{t.t("site.project.section.results")}</h2>
            <p class="results__period">{t.t("site.results.none_yet")}</p>
          </section>
        )}
        {funds && <FundsSection t={t} slug={project.slug} {...funds} />}
        {listsAfterResults.map(section)}
      </article>
    ),
  });
}

/**
 * The figures first: on a phone the full Results come after four sections of prose, so the page
 * opens with the headline figures, a link down to the full results and the report to download.
 */
function Highlights({ t, view, slug }: { t: Translator; view: ResultsView; slug: string }) {
  return (
    <section class="highlights" aria-labelledby="highlights-heading">
      <h2 id="highlights-heading">{t.t("site.highlights.heading")}</h2>
      <p class="highlights__period">{t.t("site.highlights.period", { period: view.period })}</p>
      <ul class="highlights__figures">
        {view.highlights.map((highlight) => (
          <li key={highlight.label}>
            <span class="highlights__value">{highlight.value}</span>{" "}
            <span class="highlights__label">{highlight.label}</span>
          </li>
        ))}
      </ul>
      <p class="highlights__links">
        <a href="#results">{t.t("site.highlights.all_results")}</a>
        <a href={projectReportPath(slug, t.locale)} type="application/pdf">
          {t.t("site.highlights.report_pdf")}
        </a>
      </p>
    </section>
  );
}

function projectFacts(t: Translator, project: ProjectView): Fact[] {
  const names = (organisations: OrganisationView[]) =>
    organisations.map((o) => organisationLabel(o, t.locale)).join(", ");
  const facts: Fact[] = [];
  if (project.sponsors.length > 0)
    facts.push({ label: t.t("site.project.funded_by"), value: names(project.sponsors) });
  if (project.partners.length > 0)
    facts.push({ label: t.t("site.project.partners"), value: names(project.partners) });
  facts.push({
    label: t.t("site.project.period"),
    value: capitalise(formatPeriod(t, project.startsOn, project.endsOn), t),
  });
  if (project.publishedOn) {
    facts.push({
      label: t.t("site.project.published"),
      value: capitalise(formatLongDate(t, project.publishedOn), t),
    });
  }
  return facts;
}

/**
 * A narrative section in the visitor's language; when it was only written in Vietnamese, the
 * Vietnamese text is shown (marked as such for screen readers and translation tools). An empty
 * section is left out rather than shown as a bare heading.
 */
function NarrativeSection({
  t,
  project,
  field,
}: {
  t: Translator;
  project: ProjectView;
  field: NarrativeField;
}) {
  const own = project.sections[field][t.locale];
  const [parts, lang] = own.length > 0 ? [own, undefined] : [project.sections[field].vi, "vi"];
  if (parts.length === 0) return null;
  const headingId = `${field}-heading`;
  const isList = (listsAfterResults as readonly NarrativeField[]).includes(field);
  return (
    <section class="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.t(`site.project.section.${field}`)}</h2>
      {isList ? (
        <ul class="narrative-list" lang={lang}>
          {parts.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : (
        parts.map((paragraph) => (
          <p key={paragraph} lang={lang}>
            {paragraph}
          </p>
        ))
      )}
    </section>
  );
}

/** A narrative section written as content: its stored HTML, left out when empty in both languages. */
function ContentSection({
  t,
  name,
  html,
}: {
  t: Translator;
  name: SectionName;
  html: { vi: string; en: string };
}) {
  if (!html.vi && !html.en) return null;
  const headingId = `${programmeFieldOf[name]}-heading`;
  return (
    <section class="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t.t(sectionHeadingKey[name])}</h2>
      <Html t={t} html={html} />
    </section>
  );
}
