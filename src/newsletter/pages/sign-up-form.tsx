// The sign-up form of every public page's footer, and of the newsletter page (which also offers
// the projects to choose). It is the same for every visitor — no token, nothing personal — so the
// pages that carry it stay cacheable; a hidden field (the honeypot) and the sign-up's rate limits
// keep robots out, and the double opt-in keeps anyone from subscribing someone else.

import { locales } from "../../lib/i18n.js";
import { MAX_ADDRESS_LENGTH } from "../../mail/address.js";
import type { Translator } from "../../messages.js";
import { pagePath } from "../../site/paths.js";

export interface TopicChoice {
  slug: string;
  name: string;
}

export function SignUpForm({
  t,
  idPrefix,
  topics = [],
  chosenTopics = [],
}: {
  t: Translator;
  /** Ids of the form's fields must be unique on a page that has two forms. */
  idPrefix: string;
  topics?: readonly TopicChoice[];
  chosenTopics?: readonly string[];
}) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form
      class="newsletter-form"
      method="post"
      action={pagePath({ kind: "newsletter" }, t.locale)}
      aria-labelledby={id("title")}
    >
      <h2 id={id("title")} class="newsletter-form__title">
        {t.t("newsletter.form.title")}
      </h2>
      <p id={id("consent")}>{t.t("newsletter.form.consent")}</p>
      <div class="newsletter-form__row">
        <label for={id("address")}>{t.t("newsletter.form.address")}</label>
        <input
          id={id("address")}
          type="email"
          name="address"
          required
          autocomplete="email"
          maxLength={MAX_ADDRESS_LENGTH}
          aria-describedby={id("consent")}
        />
      </div>
      <div class="newsletter-form__row">
        <label for={id("locale")}>{t.t("newsletter.form.language")}</label>
        <select id={id("locale")} name="locale">
          {locales.map((locale) => (
            <option key={locale} value={locale} selected={locale === t.locale}>
              {t.t(`newsletter.language.${locale}`)}
            </option>
          ))}
        </select>
      </div>
      {topics.length > 0 && (
        <fieldset class="newsletter-form__topics">
          <legend>{t.t("newsletter.form.topics")}</legend>
          {topics.map((topic) => (
            <div key={topic.slug}>
              <input
                id={id(`topic-${topic.slug}`)}
                type="checkbox"
                name="topics"
                value={topic.slug}
                checked={chosenTopics.includes(topic.slug)}
              />
              <label for={id(`topic-${topic.slug}`)}>{topic.name}</label>
            </div>
          ))}
        </fieldset>
      )}
      {/* People never see this field; a robot that fills every field in gives itself away. */}
      <div class="newsletter-form__trap" aria-hidden="true">
        <label for={id("website")}>{t.t("newsletter.form.honeypot")}</label>
        <input id={id("website")} type="text" name="website" tabindex={-1} autocomplete="off" />
      </div>
      <button class="button" type="submit">
        {t.t("newsletter.form.submit")}
      </button>
    </form>
  );
}
