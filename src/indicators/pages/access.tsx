// What a dashboard address answers when it cannot show the page: sign in first (401), or this
// account may not see it (403). Written in both languages, the reader's first, since the person
// may not be signed in and so may have no language of their own yet.
import type { Locale } from "../../lib/i18n.js";
import { type MessageKey, translator } from "../../messages.js";
import { renderDashboardDocument } from "./dashboard-layout.js";

const texts = {
  unauthenticated: {
    title: "access.sign_in_title",
    body: "access.sign_in_body",
    link: "access.sign_in_link",
  },
  forbidden: {
    title: "access.forbidden_title",
    body: "access.forbidden_body",
    link: "access.back_link",
  },
} as const satisfies Record<string, Record<string, MessageKey>>;

export function renderAccessPage(locale: Locale, reason: keyof typeof texts): string {
  const t = translator(locale);
  const other = translator(locale === "vi" ? "en" : "vi");
  const keys = texts[reason];
  return renderDashboardDocument({
    t,
    title: t.t(keys.title),
    children: (
      <div class="notice-page">
        <h1>{t.t(keys.title)}</h1>
        <p>{t.t(keys.body)}</p>
        <p>
          <a class="button" href="/app/">
            {t.t(keys.link)}
          </a>
        </p>
        <section lang={other.locale} aria-labelledby="other-language-title">
          <h2 id="other-language-title">{other.t(keys.title)}</h2>
          <p>{other.t(keys.body)}</p>
          <p>
            <a href="/app/">{other.t(keys.link)}</a>
          </p>
        </section>
      </div>
    ),
  });
}
