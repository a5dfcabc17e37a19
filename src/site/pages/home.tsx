// The home page: who the organisation is, its published projects, and who funds and partners them.
import type { Locale } from "../../lib/i18n.js";
import { translator } from "../../messages.js";
import { type HomeView, type OrganisationView, pick } from "../../programmes/service.js";
import { capitalise, formatPeriod } from "../dates.js";
import { homePage, pagePath, sponsorsPage } from "../paths.js";
import { type OrganisationSettings, organisationData } from "../structured-data.js";
import { Facts, organisationLabel } from "./facts.js";
import { renderDocument } from "./layout.js";

export interface HomePageProps {
  locale: Locale;
  home: HomeView;
  publicUrl: string;
  /** The organisation's postal address, from the configuration (its JSON-LD). */
  settings?: OrganisationSettings | undefined;
}

export function renderHomePage({ locale, home, publicUrl, settings }: HomePageProps): string {
  const t = translator(locale);
  const { organisation } = home;
  const title = organisation ? pick(organisation.name, locale) : t.t("site.home.title_fallback");
  const about = organisation ? pick(organisation.about, locale) : "";
  // An organisation that both funds and partners is listed once.
  const supporters: OrganisationView[] = [
    ...new Map([...home.sponsors, ...home.partners].map((o) => [o.slug, o])).values(),
  ];
  return renderDocument({
    t,
    page: homePage,
    title,
    description: about || title,
    publicUrl,
    organisation,
    structuredData: organisation && organisationData(organisation, locale, publicUrl, settings),
    children: (
      <>
        <div class="intro">
          <div class="wrap">
            {organisation && <p class="eyebrow">{organisation.shortName}</p>}
            <h1>{title}</h1>
            {about && <p class="lead">{about}</p>}
          </div>
        </div>
        <div class="wrap">
          <section id="projects" class="section" aria-labelledby="projects-heading">
            <h2 id="projects-heading">{t.t("site.home.projects")}</h2>
            {home.projects.length === 0 ? (
              <p>{t.t("site.home.no_projects")}</p>
            ) : (
              <ul class="cards">
                {home.projects.map((project) => (
                  <li key={project.slug} class="card">
                    <h3 class="card__title">
                      <a href={pagePath({ kind: "project", slug: project.slug }, locale)}>
                        {pick(project.name, locale)}
                      </a>
                    </h3>
                    <Facts
                      facts={[
                        {
                          label: t.t("site.project.period"),
                          value: capitalise(formatPeriod(t, project.startsOn, project.endsOn), t),
                        },
                        ...(project.sponsors.length > 0
                          ? [
                              {
                                label: t.t("site.project.funded_by"),
                                value: project.sponsors
                                  .map((o) => organisationLabel(o, locale))
                                  .join(", "),
                              },
                            ]
                          : []),
                      ]}
                    />
                    {pick(project.summary, locale) && <p>{pick(project.summary, locale)}</p>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {supporters.length > 0 && (
            <section class="section" aria-labelledby="supporters-heading">
              <h2 id="supporters-heading">{t.t("site.home.supporters")}</h2>
              <ul class="organisations">
                {supporters.map((o) => (
                  <li key={o.slug}>{organisationLabel(o, locale)}</li>
                ))}
              </ul>
              <p>
                <a href={pagePath(sponsorsPage, locale)}>{t.t("site.home.supporters_link")}</a>
              </p>
            </section>
          )}
        </div>
      </>
    ),
  });
}
