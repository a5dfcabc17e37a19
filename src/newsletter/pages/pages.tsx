// The newsletter's public pages: sign-up (with the projects to choose), "check your mail",
// confirmed, preferences, unsubscribe, erased, and a link that no longer works. Pages reached
// from a message's link carry the subscriber's token: they are never indexed nor cached.
import { type Locale, locales } from "../../lib/i18n.js";
import { translator } from "../../messages.js";
import type { OrganisationView } from "../../programmes/service.js";
import { renderDocument } from "../../site/pages/layout.js";
import { newsletterPath } from "../../site/paths.js";
import type { SubscriberView } from "../subscribers.js";
import { SignUpForm, type TopicChoice } from "./sign-up-form.js";

interface Common {
  locale: Locale;
  publicUrl: string;
  organisation: OrganisationView | undefined;
}

export type NewsletterPageView =
  | { kind: "sign_up"; topics: readonly TopicChoice[] }
  | { kind: "check_mail" }
  | { kind: "confirmed"; token: string }
  | { kind: "invalid" }
  | {
      kind: "preferences";
      subscriber: SubscriberView;
      topics: readonly TopicChoice[];
      saved: boolean;
    }
  | { kind: "unsubscribe"; token: string; done: boolean }
  | { kind: "erased" };

export function renderNewsletterPage(props: Common & { view: NewsletterPageView }): string {
  const t = translator(props.locale);
  const { view } = props;
  const titles: Record<NewsletterPageView["kind"], string> = {
    sign_up: t.t("newsletter.page.title"),
    check_mail: t.t("newsletter.check.title"),
    confirmed: t.t("newsletter.confirmed.title"),
    invalid: t.t("newsletter.invalid.title"),
    preferences: t.t("newsletter.preferences.title"),
    unsubscribe: t.t("newsletter.unsubscribe.title"),
    erased: t.t("newsletter.erased.title"),
  };
  const title = titles[view.kind];
  return renderDocument({
    t,
    page: { kind: "newsletter" },
    title,
    description: t.t("newsletter.page.description"),
    publicUrl: props.publicUrl,
    organisation: props.organisation,
    indexable: view.kind === "sign_up",
    children: (
      <div class="wrap wrap--text newsletter-page">
        <header class="page-header">
          <h1>{title}</h1>
        </header>
        {view.kind === "sign_up" && <SignUpForm t={t} idPrefix="newsletter" topics={view.topics} />}
        {view.kind === "check_mail" && <p role="status">{t.t("newsletter.check.body")}</p>}
        {view.kind === "confirmed" && (
          <>
            <p role="status">{t.t("newsletter.confirmed.body")}</p>
            <p>
              <a href={newsletterPath(props.locale, "preferences", view.token)}>
                {t.t("newsletter.preferences.title")}
              </a>
            </p>
          </>
        )}
        {view.kind === "invalid" && <p>{t.t("newsletter.invalid.body")}</p>}
        {view.kind === "erased" && <p role="status">{t.t("newsletter.erased.body")}</p>}
        {view.kind === "unsubscribe" &&
          (view.done ? (
            <p role="status">{t.t("newsletter.unsubscribe.done")}</p>
          ) : (
            <form method="post" action={newsletterPath(props.locale, "unsubscribe", view.token)}>
              <p>{t.t("newsletter.unsubscribe.ask")}</p>
              <button class="button" type="submit">
                {t.t("newsletter.unsubscribe.button")}
              </button>
            </form>
          ))}
        {view.kind === "preferences" && <PreferencesForm locale={props.locale} view={view} />}
      </div>
    ),
  });
}

function PreferencesForm({
  locale,
  view,
}: {
  locale: Locale;
  view: Extract<NewsletterPageView, { kind: "preferences" }>;
}) {
  const t = translator(locale);
  const { subscriber } = view;
  const action = newsletterPath(locale, "preferences", subscriber.token);
  return (
    <>
      {view.saved && <p role="status">{t.t("newsletter.preferences.saved")}</p>}
      {subscriber.status === "left" && <p>{t.t("newsletter.preferences.status_left")}</p>}
      <form class="newsletter-form" method="post" action={action}>
        <fieldset>
          <legend>{t.t("newsletter.form.language")}</legend>
          {locales.map((option) => (
            <div key={option}>
              <input
                id={`pref-locale-${option}`}
                type="radio"
                name="locale"
                value={option}
                checked={subscriber.locale === option}
              />
              <label for={`pref-locale-${option}`}>{t.t(`newsletter.language.${option}`)}</label>
            </div>
          ))}
        </fieldset>
        {view.topics.length > 0 && (
          <fieldset class="newsletter-form__topics">
            <legend>{t.t("newsletter.form.topics")}</legend>
            {view.topics.map((topic) => (
              <div key={topic.slug}>
                <input
                  id={`pref-topic-${topic.slug}`}
                  type="checkbox"
                  name="topics"
                  value={topic.slug}
                  checked={subscriber.topics.includes(topic.slug)}
                />
                <label for={`pref-topic-${topic.slug}`}>{topic.name}</label>
              </div>
            ))}
          </fieldset>
        )}
        <p>
          <button class="button" type="submit" name="do" value="save">
            {t.t("newsletter.preferences.save")}
          </button>{" "}
          {subscriber.status !== "left" && (
            <button class="button button--quiet" type="submit" name="do" value="leave">
              {t.t("newsletter.preferences.leave")}
            </button>
          )}
        </p>
      </form>
      <section aria-labelledby="newsletter-data">
        <h2 id="newsletter-data">{t.t("newsletter.preferences.data")}</h2>
        <p>
          <a href={newsletterPath(locale, "data", subscriber.token)} download="newsletter.json">
            {t.t("newsletter.preferences.export")}
          </a>
        </p>
        <form method="post" action={action}>
          <button class="button button--quiet" type="submit" name="do" value="erase">
            {t.t("newsletter.preferences.erase")}
          </button>
        </form>
      </section>
    </>
  );
}
