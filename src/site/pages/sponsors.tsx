// The sponsors page: who funds the published projects (and which ones), and who partners in them.
// Once the NGO has published its sponsors and partners as content (src/content/), the page shows
// those, each with its logo; until then, the organisations linked to the published projects.
import type { ComponentChildren } from "preact";
import type { PublicItem } from "../../content/published.js";
import type { Locale } from "../../lib/i18n.js";
import { Picture } from "../../media/picture.js";
import { type Translator, translator } from "../../messages.js";
import { type HomeView, type OrganisationView, pick } from "../../programmes/service.js";
import { pagePath, sponsorsPage } from "../paths.js";
import { DemoTag, Html, inLanguage, Text } from "./content.js";
import { organisationLabel } from "./facts.js";
import { renderDocument } from "./layout.js";

export interface SponsorsPageProps {
  locale: Locale;
  home: HomeView;
  /** Published sponsors and partners written as content; empty when there are none yet. */
  partners: PublicItem[];
  publicUrl: string;
}

export function renderSponsorsPage({
  locale,
  home,
  partners,
  publicUrl,
}: SponsorsPageProps): string {
  const t = translator(locale);
  const title = t.t("site.sponsors.title");
  const description = t.t("site.sponsors.description");
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
        {partners.length > 0 ? (
          <ContentPartners t={t} home={home} partners={partners} />
        ) : (
          <ProgrammeOrganisations t={t} home={home} />
        )}
      </div>
    ),
  });
}

/** The organisations linked to the published projects (before any are written as content). */
function ProgrammeOrganisations({ t, home }: { t: Translator; home: HomeView }) {
  const locale = t.locale;
  const fundedBy = (sponsor: OrganisationView) =>
    home.projects.filter((project) => project.sponsors.some((o) => o.slug === sponsor.slug));
  return (
    <>
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
    </>
  );
}

/** Sponsors, then partners, as the NGO wrote them; a sponsor names the project it funds. */
function ContentPartners({
  t,
  home,
  partners,
}: {
  t: Translator;
  home: HomeView;
  partners: PublicItem[];
}) {
  const groups = [
    { role: "sponsor", heading: t.t("site.sponsors.sponsors"), id: "sponsors-heading" },
    { role: "partner", heading: t.t("site.sponsors.partners"), id: "partners-heading" },
  ] as const;
  return (
    <>
      {groups.map((group) => {
        const members = partners.filter((p) => (p.fields.partner_role ?? "partner") === group.role);
        if (members.length === 0) return null;
        return (
          <section key={group.role} class="section" aria-labelledby={group.id}>
            <h2 id={group.id}>{group.heading}</h2>
            {members.map((partner) => (
              <ContentPartner key={partner.id} t={t} home={home} partner={partner} />
            ))}
          </section>
        );
      })}
    </>
  );
}

function ContentPartner({
  t,
  home,
  partner,
}: {
  t: Translator;
  home: HomeView;
  partner: PublicItem;
}) {
  const name = inLanguage(partner.fields.title, t.locale);
  const summary = inLanguage(partner.fields.summary, t.locale);
  const project = home.projects.find((p) => p.slug === partner.projectSlug);
  return (
    <article class="organisation">
      {partner.picture && (
        <div class="organisation__logo">
          <Picture picture={partner.picture} locale={t.locale} sizes="12rem" />
        </div>
      )}
      <h3>
        <Text shown={name} />
        {partner.isDemo && (
          <>
            {" "}
            <DemoTag t={t} />
          </>
        )}
      </h3>
      {summary.text && (
        <p>
          <Text shown={summary} />
        </p>
      )}
      <Html t={t} html={partner.html.body} />
      {partner.fields.website && (
        <p>
          <a href={partner.fields.website} rel="noopener external">
            {t.t("site.sponsors.website", { name: name.text })}
          </a>
        </p>
      )}
      {project && partner.fields.partner_role === "sponsor" && (
        <>
          <p class="organisation__label">{t.t("site.sponsors.funded")}</p>
          <ul>
            <li>
              <a href={pagePath({ kind: "project", slug: project.slug }, t.locale)}>
                {pick(project.name, t.locale)}
              </a>
            </li>
          </ul>
        </>
      )}
    </article>
  );
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
