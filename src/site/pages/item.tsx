// The page of one content item — a news post, an activity or a page — and, for an editor's
// preview, any item as a visitor would read it once published. Texts missing in the visitor's
// language are shown in the other one, with a note. The cover, when the item has one, comes
// between the title and the text.
import { allSections, sectionNames } from "../../content/fields.js";
import type { PublicItem } from "../../content/published.js";
import type { Locale } from "../../lib/i18n.js";
import { translator } from "../../messages.js";
import { type OrganisationView, type ProjectSummaryView, pick } from "../../programmes/service.js";
import { pagePath } from "../paths.js";
import { coverShareImage, defaultShareImage, type ShareImage } from "../share-image.js";
import { itemData, type OrganisationSettings } from "../structured-data.js";
import {
  Cover,
  DemoTag,
  FallbackNote,
  Html,
  ItemFacts,
  inLanguage,
  itemPage,
  Text,
} from "./content.js";
import { renderDocument } from "./layout.js";
import { sectionHeadingKey } from "./project.js";

export interface ItemPageProps {
  locale: Locale;
  item: PublicItem;
  organisation: OrganisationView | undefined;
  publicUrl: string;
  /** The published project the item is about, when it names one. */
  project?: ProjectSummaryView | undefined;
  /** An editor's preview: a banner, and never indexed. */
  preview?: boolean;
  /** The item's own picture for link previews, when it has one; else the site's. */
  shareImage?: ShareImage | undefined;
  /** The organisation's postal address, from the configuration (its JSON-LD). */
  settings?: OrganisationSettings | undefined;
}

export function renderItemPage({
  locale,
  item,
  organisation,
  publicUrl,
  project,
  preview = false,
  shareImage,
  settings,
}: ItemPageProps): string {
  const t = translator(locale);
  const title = inLanguage(item.fields.title, locale);
  const summary = inLanguage(item.fields.summary, locale);
  const sections = item.html.sections && allSections(item.html.sections);
  const image =
    shareImage ??
    (item.picture
      ? coverShareImage(item.picture, publicUrl)
      : defaultShareImage(organisation, locale, publicUrl));
  return renderDocument({
    t,
    page: itemPage(item),
    title: title.text,
    description: summary.text || title.text,
    publicUrl,
    organisation,
    preview,
    ogType: item.kind === "news" || item.kind === "activity" ? "article" : "website",
    shareImage: image,
    structuredData: itemData({ item, locale, organisation, publicUrl, image, settings }),
    children: (
      <article class="wrap wrap--text">
        <header class="page-header">
          {title.lang && <FallbackNote t={t} />}
          <h1>
            <Text shown={title} />
          </h1>
          {item.isDemo && <DemoTag t={t} />}
          <ItemFacts t={t} item={item} />
          {project && (
            <p>
              {t.t("site.content.project")}:{" "}
              <a href={pagePath({ kind: "project", slug: project.slug }, locale)}>
                {pick(project.name, locale)}
              </a>
            </p>
          )}
          {summary.text && (
            <p class="lead" lang={summary.lang}>
              {summary.text}
            </p>
          )}
        </header>
        {item.picture && <Cover picture={item.picture} locale={locale} />}
        <Html t={t} html={item.html.body} />
        {sections &&
          sectionNames.map((name) =>
            sections[name].vi || sections[name].en ? (
              <section key={name} class="section" aria-labelledby={`${name}-heading`}>
                <h2 id={`${name}-heading`}>{t.t(sectionHeadingKey[name])}</h2>
                <Html t={t} html={sections[name]} />
              </section>
            ) : null,
          )}
        {item.fields.website && (
          <p>
            <a href={item.fields.website} rel="noopener external">
              {item.fields.website}
            </a>
          </p>
        )}
      </article>
    ),
  });
}
