// The sponsors page: who funds the published projects (and which ones), and who partners in them.
import type { ComponentChildren } from "preact";
import { type Locale, type Translator, translator } from "../../lib/i18n.js";
import { type HomeView, type OrganisationView, pick } from "../../programmes/service.js";
import { pagePath, sponsorsPage } from "../paths.js";
import { organisationLabel } from "./facts.js";
import { renderDocument } from "./layout.js";

export interface SponsorsPageProps {
  locale: Locale;
  home: HomeView;
  publicUrl: string;
}

export function renderSponsorsPage({ locale, home, publicUrl }: SponsorsPageProps): string {
  const t = translator(locale);
  const title = t.t("site.sponsors.title");
  const description = t.t("site.sponsors.description");
  const fundedBy = (sponsor: OrganisationView) =>
    home.projects.filter((project) => project.sponsors.some((o) => o.slug === sponsor.slug));
  return renderDocument({
    t,
    page: sponsorsPage,
    title,
    description,
    publicUrl,
    organisation: home.organisation,
    children: (
      <div class="wrap wrap--text">
        <header class="page-header">
          <h1>{title}</h1>
          <p class="lead">{description}</p>
        </header>
        <section class="section" aria-labelledby="sponsors-heading">
          <h2 id="sponsors-heading">{t.t("site.sponsors.sponsors")}</h2>
          {home.sponsors.length === 0 && <p>{t.t("site.sponsors.none")}</p>}
          {home.sponsors.map((sponsor) => (
            <Organisation key={sponsor.slug} t={t} organisation={sponsor}>
              <p class="organisation__label">{t.t("site.sponsors.funded")}</p>
              <ul>
                {fundedBy(sponsor).map((project) => (
                  <li key={project.slug}>
                    <a href={pagePath({ kind: "project", slug: project.slug }, locale)}>
                      {pick(project.name, locale)}
                    </a>
                  </li>
                ))}
              </ul>
            </Organisation>
          ))}
        </section>
        {home.partners.length > 0 && (
          <section class="section" aria-labelledby="partners-heading">
            <h2 id="partners-heading">{t.t("site.sponsors.partners")}</h2>
            {home.partners.map((partner) => (
              <Organisation key={partner.slug} t={t} organisation={partner} />
            ))}
          </section>
        )}
      </div>
    ),
  });
}

function Organisation({
  t,
  organisation,
  children,
}: {
  t: Translator;
  organisation: OrganisationView;
  children?: ComponentChildren;
}) {
  const about = pick(organisation.about, t.locale);
  const name = pick(organisation.name, t.locale);
  return (
    <article class="organisation">
      <h3>{organisationLabel(organisation, t.locale)}</h3>
      {about && <p>{about}</p>}
      {organisation.website && /^https?:\/\//.test(organisation.website) && (
        <p>
          <a href={organisation.website} rel="noopener external">
            {t.t("site.sponsors.website", { name })}
          </a>
        </p>
      )}
      {children}
    </article>
  );
}
