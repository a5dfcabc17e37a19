// The search page: a form that works without JavaScript (GET), then the results of the search
// service — title link, kind and date, the snippet with the matching words marked — with links
// to the other pages of results. Result pages are not indexed: every query would be a page.
import type { Locale } from "../../lib/i18n.js";
import { type Translator, translator } from "../../messages.js";
import type { OrganisationView } from "../../programmes/service.js";
import {
  maxPage,
  maxQueryLength,
  type SearchHit,
  type SearchResults,
} from "../../search/service.js";
import { calendarDateOf, formatLongDate } from "../dates.js";
import { pagePath } from "../paths.js";
import { renderDocument } from "./layout.js";

export interface SearchPageProps {
  locale: Locale;
  /** What the visitor typed, as typed. */
  q: string;
  /** Undefined when the search was refused. */
  results: SearchResults | undefined;
  /** Why the search was refused, in the visitor's language. */
  refusal?: string;
  publicUrl: string;
  organisation: OrganisationView | undefined;
}

export function renderSearchPage({
  locale,
  q,
  results,
  refusal,
  publicUrl,
  organisation,
}: SearchPageProps): string {
  const t = translator(locale);
  const query = q.trim();
  const title = query ? t.t("site.search.title_query", { q: query }) : t.t("site.search.title");
  return renderDocument({
    t,
    page: { kind: "search", q: query, page: results?.page ?? 1 },
    title,
    description: t.t("site.search.description"),
    publicUrl,
    organisation,
    indexable: false,
    children: (
      <div class="wrap wrap--text search-page">
        <header class="page-header">
          <h1>{t.t("site.search.title")}</h1>
        </header>
        <search aria-label={t.t("site.search.title")}>
          <form class="search-form" method="get" action={pagePath({ kind: "search" }, locale)}>
            <label for="search-q">{t.t("site.search.field")}</label>
            <div class="search-form__row">
              <input id="search-q" type="search" name="q" value={q} maxLength={maxQueryLength} />
              <button class="button" type="submit">
                {t.t("site.search.button")}
              </button>
            </div>
          </form>
        </search>
        {refusal && (
          <p class="search-refusal" role="alert">
            {refusal}
          </p>
        )}
        {results && !query && <p>{t.t("site.search.empty")}</p>}
        {results && query && <Results t={t} q={query} results={results} />}
      </div>
    ),
  });
}

function Results({ t, q, results }: { t: Translator; q: string; results: SearchResults }) {
  if (results.total === 0) return <p class="search-summary">{t.t("site.search.none", { q })}</p>;
  const pages = Math.min(Math.ceil(results.total / results.pageSize), maxPage);
  return (
    <>
      <p class="search-summary">{t.t("site.search.count", { total: results.total, q })}</p>
      {results.hits.length > 0 && (
        <ol class="search-results">
          {results.hits.map((hit) => (
            <Hit key={hit.url} t={t} hit={hit} />
          ))}
        </ol>
      )}
      {pages > 1 && <Paging t={t} q={q} page={results.page} pages={pages} />}
    </>
  );
}

function Hit({ t, hit }: { t: Translator; hit: SearchHit }) {
  return (
    <li class="search-result">
      <h2 class="search-result__title">
        <a href={hit.url}>{hit.title}</a>
      </h2>
      <p class="search-result__meta">
        {t.t(`site.search.kind.${hit.kind}`)} ·{" "}
        <time dateTime={hit.publishedAt.toISOString()}>
          {formatLongDate(t, calendarDateOf(hit.publishedAt))}
        </time>
      </p>
      {/* The snippet is the search service's HTML: the document's text escaped, matches marked. */}
      <p class="search-result__snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
    </li>
  );
}

function Paging({ t, q, page, pages }: { t: Translator; q: string; page: number; pages: number }) {
  const link = (to: number) => pagePath({ kind: "search", q, page: to }, t.locale);
  return (
    <nav class="search-paging" aria-label={t.t("site.search.pages")}>
      {page > 1 && (
        <a href={link(page - 1)} rel="prev">
          {t.t("site.search.previous")}
        </a>
      )}
      <span aria-current="page">{t.t("site.search.page_of", { page, pages })}</span>
      {page < pages && (
        <a href={link(page + 1)} rel="next">
          {t.t("site.search.next")}
        </a>
      )}
    </nav>
  );
}
