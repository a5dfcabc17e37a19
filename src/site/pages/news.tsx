// The news list: published posts, newest first, ten a page, optionally about one project.
import type { NewsPage } from "../../content/published.js";
import type { Locale } from "../../lib/i18n.js";
import { translator } from "../../messages.js";
import { type OrganisationView, type ProjectSummaryView, pick } from "../../programmes/service.js";
import { pagePath, type SitePage } from "../paths.js";
import { ItemCard, Pager } from "./content.js";
import { renderDocument } from "./layout.js";

export interface NewsListPageProps {
  locale: Locale;
  news: NewsPage;
  /** The project the list is filtered to, when it is. */
  project: ProjectSummaryView | undefined;
  organisation: OrganisationView | undefined;
  publicUrl: string;
}

export function renderNewsListPage({
  locale,
  news,
  project,
  organisation,
  publicUrl,
}: NewsListPageProps): string {
  const t = translator(locale);
  const title = project
    ? t.t("site.news.of_project", { project: pick(project.name, locale) })
    : t.t("site.news.title");
  const pageOf = (page: number): SitePage => ({
    kind: "news",
    page,
    ...(project ? { project: project.slug } : {}),
  });
  return renderDocument({
    t,
    page: pageOf(news.page),
    title,
    description: t.t("site.news.description"),
    publicUrl,
    organisation,
    children: (
      <div class="wrap wrap--text">
        <header class="page-header">
          <h1>{title}</h1>
          <p class="lead">{t.t("site.news.description")}</p>
          {project && (
            <p>
              <a href={pagePath({ kind: "news" }, locale)}>{t.t("site.news.all")}</a>
            </p>
          )}
        </header>
        {news.items.length === 0 ? (
          <p>{t.t("site.news.none")}</p>
        ) : (
          <ul class="cards cards--list">
            {news.items.map((item) => (
              <ItemCard key={item.id} t={t} item={item} heading="h2" />
            ))}
          </ul>
        )}
        <Pager t={t} page={news.page} pages={news.pages} pageOf={pageOf} />
      </div>
    ),
  });
}
