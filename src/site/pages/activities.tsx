// The activities list: what is coming up (soonest first), then what has taken place (latest
// first, ten a page).
import type { ActivitiesPage } from "../../content/published.js";
import type { Locale } from "../../lib/i18n.js";
import { translator } from "../../messages.js";
import type { OrganisationView } from "../../programmes/service.js";
import type { SitePage } from "../paths.js";
import { ItemCard, Pager } from "./content.js";
import { renderDocument } from "./layout.js";

export interface ActivitiesListPageProps {
  locale: Locale;
  activities: ActivitiesPage;
  organisation: OrganisationView | undefined;
  publicUrl: string;
}

export function renderActivitiesListPage({
  locale,
  activities,
  organisation,
  publicUrl,
}: ActivitiesListPageProps): string {
  const t = translator(locale);
  const title = t.t("site.activities.title");
  const pageOf = (page: number): SitePage => ({ kind: "activities", page });
  return renderDocument({
    t,
    page: pageOf(activities.page),
    title,
    description: t.t("site.activities.description"),
    publicUrl,
    organisation,
    children: (
      <div class="wrap wrap--text">
        <header class="page-header">
          <h1>{title}</h1>
          <p class="lead">{t.t("site.activities.description")}</p>
        </header>
        {activities.page === 1 && (
          <section class="section" aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">{t.t("site.activities.upcoming")}</h2>
            {activities.upcoming.length === 0 ? (
              <p>{t.t("site.activities.none_upcoming")}</p>
            ) : (
              <ul class="cards cards--list">
                {activities.upcoming.map((item) => (
                  <ItemCard key={item.id} t={t} item={item} />
                ))}
              </ul>
            )}
          </section>
        )}
        <section class="section" aria-labelledby="past-heading">
          <h2 id="past-heading">{t.t("site.activities.past")}</h2>
          {activities.past.length === 0 ? (
            <p>{t.t("site.activities.none_past")}</p>
          ) : (
            <ul class="cards cards--list">
              {activities.past.map((item) => (
                <ItemCard key={item.id} t={t} item={item} />
              ))}
            </ul>
          )}
          <Pager t={t} page={activities.page} pages={activities.pages} pageOf={pageOf} />
        </section>
      </div>
    ),
  });
}
