// The frame of every public page: head (title, description, canonical and hreflang links, the
// language's news feed, Open Graph and Twitter card tags for link previews, schema.org JSON-LD),
// a skip link, the header with the organisation, the main navigation and the language switch,
// and the footer with the newsletter's sign-up form. Pages render through `renderDocument`, which returns the whole HTML document.
import type { ComponentChildren } from "preact";
import { render } from "preact-render-to-string";
import { type Translator, translator } from "../../messages.js";
import { SignUpForm } from "../../newsletter/pages/sign-up-form.js";
import { type OrganisationView, pick } from "../../programmes/service.js";
import { maxQueryLength } from "../../search/service.js";
import {
  absoluteUrl,
  activitiesPage,
  alternatesOf,
  donatePage,
  homePage,
  newsFeedPath,
  newsPage,
  otherLocale,
  pagePath,
  type SitePage,
  searchPage,
  sponsorsPage,
} from "../paths.js";
import { defaultShareImage, type ShareImage } from "../share-image.js";
import { jsonLdText, type StructuredData } from "../structured-data.js";
import { stylesheet } from "../stylesheet.js";

/** Open Graph's names of our languages. */
const ogLocales = { vi: "vi_VN", en: "en_US" } as const;

export interface LayoutProps {
  t: Translator;
  /** This page: its canonical URL, its alternates and the language switch's target. */
  page: SitePage;
  /** The page's own title; the organisation's short name is added after it. */
  title: string;
  description: string;
  publicUrl: string;
  organisation: OrganisationView | undefined;
  /** Error pages are not indexed and have no canonical address of their own. */
  indexable?: boolean;
  /** An editor's preview of an unpublished page: a banner says so, and it is never indexed. */
  preview?: boolean;
  /** What link previews call the page: an article (a news post, an activity) or the website. */
  ogType?: "article" | "website";
  /** The picture link previews show: the site's own (share-image.ts) unless the page has one. */
  shareImage?: ShareImage | undefined;
  /** What the page is, for search engines (structured-data.ts). */
  structuredData?: StructuredData | undefined;
  /**
   * A page that waits for something (a gift's arrival): reloaded every so many seconds, unless
   * its `script` (an address on our own origin) updates it in place.
   */
  refreshSeconds?: number | undefined;
  script?: string | undefined;
  children: ComponentChildren;
}

export function renderDocument(props: LayoutProps): string {
  return `<!doctype html>${render(<Layout {...props} />)}`;
}

function Layout({
  t,
  page,
  title,
  description,
  publicUrl,
  organisation,
  indexable: indexableUnlessPreview = true,
  preview = false,
  ogType = "website",
  shareImage,
  structuredData,
  refreshSeconds,
  script,
  children,
}: LayoutProps) {
  const indexable = indexableUnlessPreview && !preview;
  const fullTitle = organisation
    ? t.t("site.title", { page: title, organisation: organisation.shortName })
    : title;
  const canonical = absoluteUrl(publicUrl, pagePath(page, t.locale));
  const image = shareImage ?? defaultShareImage(organisation, t.locale, publicUrl);
  return (
    <html lang={t.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refreshSeconds && script ? (
          // A browser with script runs the page's own updater; one without reloads the page.
          <noscript>
            <meta http-equiv="refresh" content={String(refreshSeconds)} />
          </noscript>
        ) : refreshSeconds ? (
          <meta http-equiv="refresh" content={String(refreshSeconds)} />
        ) : null}
        {script && <script src={script} defer />}
        <title>{fullTitle}</title>
        <meta name="description" content={description} />
        {indexable ? (
          <>
            <link rel="canonical" href={canonical} />
            {alternatesOf(page, publicUrl).map((alternate) => (
              <link
                key={alternate.hreflang}
                rel="alternate"
                hreflang={alternate.hreflang}
                href={alternate.href}
              />
            ))}
          </>
        ) : (
          <meta name="robots" content="noindex" />
        )}
        <link
          rel="alternate"
          type="application/rss+xml"
          title={t.t("site.news.feed")}
          href={absoluteUrl(publicUrl, newsFeedPath(t.locale, "rss"))}
        />
        <meta property="og:type" content={ogType} />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={description} />
        {indexable && <meta property="og:url" content={canonical} />}
        <meta property="og:site_name" content={organisation?.shortName ?? "Peerlink"} />
        <meta property="og:locale" content={ogLocales[t.locale]} />
        <meta property="og:locale:alternate" content={ogLocales[otherLocale(t.locale)]} />
        <meta property="og:image" content={image.url} />
        <meta property="og:image:width" content={String(image.width)} />
        <meta property="og:image:height" content={String(image.height)} />
        <meta name="twitter:card" content="summary_large_image" />
        {structuredData && (
          // Data, never run (no CSP exception needed); escaped so it cannot end the element.
          <script
            type="application/ld+json"
            dangerouslySetInnerHTML={{ __html: jsonLdText(structuredData) }}
          />
        )}
        {/* Inline, allowed by its hash in the CSP (stylesheet.ts); it holds no "</style>". */}
        <style dangerouslySetInnerHTML={{ __html: stylesheet.css }} />
        {/* No favicon file yet: an empty one stops browsers asking for /favicon.ico on every page. */}
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.t("site.skip_link")}
        </a>
        {preview && (
          <p class="preview-banner" role="status">
            {t.t("site.content.preview")}
          </p>
        )}
        <Header t={t} page={page} organisation={organisation} indexable={indexable} />
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <Footer t={t} organisation={organisation} newsletter={page.kind !== "newsletter"} />
      </body>
    </html>
  );
}

function Header({
  t,
  page,
  organisation,
  indexable,
}: Pick<LayoutProps, "t" | "page" | "organisation" | "indexable">) {
  const other = translator(otherLocale(t.locale));
  // An error page switches language to the other home page, but is not that page itself.
  const current = (kind: SitePage["kind"]) =>
    indexable && page.kind === kind ? "page" : undefined;
  return (
    <header class="site-header">
      <div class="wrap site-header__top">
        {organisation && (
          <a class="brand" href={pagePath(homePage, t.locale)}>
            <span class="brand__short">{organisation.shortName}</span>
            <span class="brand__name">{pick(organisation.name, t.locale)}</span>
          </a>
        )}
        <search class="site-search" aria-label={t.t("site.search.label")}>
          <form class="site-search__form" method="get" action={pagePath(searchPage, t.locale)}>
            <label class="visually-hidden" for="site-search-q">
              {t.t("site.search.label")}
            </label>
            <input id="site-search-q" type="search" name="q" maxLength={maxQueryLength} />
            <button type="submit">{t.t("site.search.button")}</button>
          </form>
        </search>
        <a
          class="language-switch"
          href={pagePath(page, other.locale)}
          hreflang={other.locale}
          lang={other.locale}
          aria-label={other.t("site.language.switch")}
        >
          {other.t("site.language.name")}
        </a>
      </div>
      <nav class="site-nav" aria-label={t.t("site.nav.label")}>
        <ul class="wrap">
          <li>
            <a href={pagePath(homePage, t.locale)} aria-current={current("home")}>
              {t.t("site.nav.home")}
            </a>
          </li>
          <li>
            <a href={`${pagePath(homePage, t.locale)}#projects`}>{t.t("site.nav.projects")}</a>
          </li>
          <li>
            <a href={pagePath(newsPage, t.locale)} aria-current={current("news")}>
              {t.t("site.nav.news")}
            </a>
          </li>
          <li>
            <a href={pagePath(activitiesPage, t.locale)} aria-current={current("activities")}>
              {t.t("site.nav.activities")}
            </a>
          </li>
          <li>
            <a href={pagePath(sponsorsPage, t.locale)} aria-current={current("sponsors")}>
              {t.t("site.nav.sponsors")}
            </a>
          </li>
          <li>
            <a
              class="site-nav__donate"
              href={pagePath(donatePage, t.locale)}
              aria-current={current("donate")}
            >
              {t.t("site.nav.donate")}
            </a>
          </li>
        </ul>
      </nav>
    </header>
  );
}

function Footer({
  t,
  organisation,
  newsletter,
}: Pick<LayoutProps, "t" | "organisation"> & { newsletter: boolean }) {
  return (
    <footer class="site-footer">
      <div class="wrap">
        {/* The newsletter's own pages have the form (or a subscriber's) in their main part. */}
        {newsletter && (
          <div class="site-footer__newsletter">
            <SignUpForm t={t} idPrefix="footer-newsletter" />
          </div>
        )}
        {organisation && (
          <p class="site-footer__organisation">
            <strong>{organisation.shortName}</strong> · {pick(organisation.name, t.locale)}
          </p>
        )}
        <p>{t.t("site.footer.software")}</p>
      </div>
    </footer>
  );
}
