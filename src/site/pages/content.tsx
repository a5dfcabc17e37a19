// Pieces of the pages that show the NGO's own content (news, activities, pages, partners, project
// narratives): a text in the visitor's language or, when it was not translated, in the other one
// with a visible note and its `lang`; stored HTML (sanitised when it was saved, src/content/);
// the "demo" tag; an item's cover and its thumbnail; an item's card in a list; and the pager of a
// list.
import type { ComponentChildren } from "preact";
import type { Localised } from "../../content/fields.js";
import type { PublicItem } from "../../content/published.js";
import { slugsOf } from "../../content/published.js";
import type { Locale } from "../../lib/i18n.js";
import { Picture } from "../../media/picture.js";
import type { Picture as PictureData } from "../../media/service.js";
import type { Translator } from "../../messages.js";
import { capitalise, formatLongDate, formatMoment, vietnamDate, vietnamTime } from "../dates.js";
import { otherLocale, pagePath, type SitePage } from "../paths.js";

export interface Shown {
  text: string;
  /** Set when the text is the other language's, because this one has none. */
  lang: Locale | undefined;
}

/** The text in `locale`, or the other language's when this one is empty; never a blank. */
export function inLanguage(text: Localised, locale: Locale): Shown {
  if (text[locale]) return { text: text[locale], lang: undefined };
  const other = otherLocale(locale);
  return { text: text[other], lang: text[other] ? other : undefined };
}

/** A text in a language, marked with `lang` when it is the other one's. */
export function Text({ shown }: { shown: Shown }) {
  return shown.lang ? <span lang={shown.lang}>{shown.text}</span> : shown.text;
}

/** The note a visitor reads above a text shown in the other language. */
export function FallbackNote({ t }: { t: Translator }) {
  return (
    <p class="content-fallback" role="note">
      {t.t("site.content.fallback")}
    </p>
  );
}

/**
 * HTML stored at save (src/content/markdown.ts: rendered from Markdown and cut down to an
 * allow-list), with the fallback note when it is the other language's. Nothing is shown when
 * neither language has any.
 */
export function Html({
  t,
  html,
  class: className = "prose",
}: {
  t: Translator;
  html: Localised;
  class?: string;
}) {
  const shown = inLanguage(html, t.locale);
  if (!shown.text) return null;
  return (
    <>
      {shown.lang && <FallbackNote t={t} />}
      {/* Sanitised by the allow-list when it was saved: the only HTML a page takes as it is. */}
      <div class={className} lang={shown.lang} dangerouslySetInnerHTML={{ __html: shown.text }} />
    </>
  );
}

export function DemoTag({ t }: { t: Translator }) {
  return (
    <span class="demo-tag" title={t.t("site.content.demo_title")}>
      {t.t("site.content.demo")}
    </span>
  );
}

/** Where an item's own page is, in the page types of paths.ts. */
export function itemPage(item: PublicItem): SitePage {
  const slug = slugsOf(item.fields);
  return item.kind === "news"
    ? { kind: "news_post", slug }
    : item.kind === "activity"
      ? { kind: "activity", slug }
      : { kind: "content_page", slug };
}

/**
 * An item's cover at the top of its page, the width of the text column (site.css, `.wrap--text`):
 * loaded at once, as the largest thing a visitor first sees.
 */
export function Cover({ picture, locale }: { picture: PictureData; locale: Locale }) {
  return (
    <div class="cover">
      <Picture
        picture={picture}
        locale={locale}
        sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"
        loading="eager"
      />
    </div>
  );
}

/** "Ngày đăng" or the activity's time and place, as facts under a title. */
export function itemFacts(t: Translator, item: PublicItem) {
  const facts: { label: string; value: ComponentChildren }[] = [];
  if (item.kind === "activity" && item.fields.starts_at) {
    const { starts_at: startsAt, ends_at: endsAt } = item.fields;
    const sameDay = endsAt && vietnamDate(endsAt) === vietnamDate(startsAt);
    const value = endsAt
      ? `${formatMoment(t, startsAt)} – ${sameDay ? vietnamTime(endsAt) : formatMoment(t, endsAt)}`
      : formatMoment(t, startsAt);
    facts.push({ label: t.t("site.content.when"), value: capitalise(value, t) });
    const place = inLanguage(item.fields.place, t.locale);
    if (place.text) facts.push({ label: t.t("site.content.place"), value: <Text shown={place} /> });
  } else if (item.publishedAt && item.kind === "news") {
    facts.push({
      label: t.t("site.content.published"),
      value: capitalise(formatLongDate(t, vietnamDate(item.publishedAt)), t),
    });
  }
  return facts;
}

export function ItemFacts({ t, item }: { t: Translator; item: PublicItem }) {
  const facts = itemFacts(t, item);
  if (facts.length === 0) return null;
  return (
    <dl class="facts">
      {facts.map((fact) => (
        <div key={fact.label} class="facts__item">
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * An item in a list: its title (a link), its thumbnail, date or time and place, summary, and the
 * demo tag. The title is a heading one level under the list's own: h2 right under the page's h1,
 * h3 in a section.
 */
export function ItemCard({
  t,
  item,
  heading: Heading = "h3",
}: {
  t: Translator;
  item: PublicItem;
  heading?: "h2" | "h3";
}) {
  const title = inLanguage(item.fields.title, t.locale);
  const summary = inLanguage(item.fields.summary, t.locale);
  return (
    <li class="card">
      <Heading class="card__title">
        <a href={pagePath(itemPage(item), t.locale)}>
          <Text shown={title} />
        </a>
        {item.isDemo && (
          <>
            {" "}
            <DemoTag t={t} />
          </>
        )}
      </Heading>
      {/* After the title, so a screen reader meets the title first; drawn beside the text. */}
      {item.picture && (
        <div class="card__thumb">
          <Picture picture={item.picture} locale={t.locale} sizes="(min-width: 40em) 8rem, 6rem" />
        </div>
      )}
      <ItemFacts t={t} item={item} />
      {summary.text && (
        <p>
          <Text shown={summary} />
        </p>
      )}
    </li>
  );
}

/** Previous and next pages of a list, and where the visitor is. */
export function Pager({
  t,
  page,
  pages,
  pageOf,
}: {
  t: Translator;
  page: number;
  pages: number;
  pageOf: (page: number) => SitePage;
}) {
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t.t("site.content.pages_label")}>
      {page > 1 && (
        <a href={pagePath(pageOf(page - 1), t.locale)} rel="prev">
          {t.t("site.content.previous")}
        </a>
      )}
      <span>{t.t("site.content.page_of", { page, pages })}</span>
      {page < pages && (
        <a href={pagePath(pageOf(page + 1), t.locale)} rel="next">
          {t.t("site.content.next")}
        </a>
      )}
    </nav>
  );
}
