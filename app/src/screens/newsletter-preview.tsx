// An issue as a recipient will see it, in either language: the subject, then the HTML message in
// a sandboxed frame (no script runs in it, and it cannot reach this app) or its plain text. The
// links to unsubscribe and change preferences are an example's.
import { useEffect, useState } from "preact/hooks";
import type { Locale } from "../content/api.js";
import { t } from "../i18n/i18n.js";
import type { Preview } from "../newsletter/api.js";
import { useServices } from "../ui/context.js";
import { Notice } from "../ui/layout.js";
import { href } from "../ui/router.js";
import { NewsletterFrame } from "./newsletter-online.js";
import { failure } from "./users-online.js";

type Format = "html" | "text";

function Choice(props: {
  label: string;
  options: { value: string; label: string; to: string; current: boolean }[];
}) {
  return (
    <nav class="newsletter-tabs" aria-label={props.label}>
      {props.options.map((option) => (
        <a
          key={option.value}
          class={`button${option.current ? " button--primary" : ""}`}
          href={option.to}
          aria-current={option.current ? "page" : undefined}
        >
          {option.label}
        </a>
      ))}
    </nav>
  );
}

export function NewsletterPreviewScreen(props: { id: string; params: URLSearchParams }) {
  const { api } = useServices();
  const locale: Locale = props.params.get("locale") === "en" ? "en" : "vi";
  const format: Format = props.params.get("format") === "text" ? "text" : "html";
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    setPreview(undefined);
    setError(undefined);
    api.newsletter.previewText(props.id, locale).then(
      (found) => current && setPreview(found),
      (caught) => current && setError(failure(caught)),
    );
    return () => {
      current = false;
    };
  }, [props.id, locale]);

  const to = (changes: { locale?: Locale; format?: Format }) =>
    href("/newsletter/preview", {
      id: props.id,
      locale: changes.locale ?? locale,
      format: changes.format ?? format,
    });

  return (
    <NewsletterFrame title={t("newsletter.preview_title")} wide>
      {() => (
        <>
          <p>
            <a href={href("/newsletter/edit", { id: props.id })}>{t("newsletter.back_to_issue")}</a>
          </p>
          <Choice
            label={t("newsletter.preview_language")}
            options={(["vi", "en"] as const).map((value) => ({
              value,
              label: t(`newsletter.lang.${value}`),
              to: to({ locale: value }),
              current: value === locale,
            }))}
          />
          <Choice
            label={t("newsletter.preview_format")}
            options={(["html", "text"] as const).map((value) => ({
              value,
              label: t(`newsletter.format.${value}`),
              to: to({ format: value }),
              current: value === format,
            }))}
          />
          <p class="muted">{t("newsletter.preview_links_note")}</p>
          {error ? (
            <Notice kind="error">
              <p>{error}</p>
            </Notice>
          ) : null}
          {preview ? (
            <section class="card newsletter-preview" aria-labelledby="newsletter-subject">
              <h2 id="newsletter-subject">
                <span class="muted">{t("newsletter.subject_label")} </span>
                <span lang={locale}>{preview.subject || t("newsletter.untitled")}</span>
              </h2>
              {format === "html" ? (
                <iframe
                  class="newsletter-preview__frame"
                  sandbox=""
                  title={t("newsletter.preview_frame", {
                    language: t(`newsletter.lang.${locale}`),
                  })}
                  src={api.newsletter.previewUrl(props.id, locale)}
                />
              ) : (
                <pre class="newsletter-preview__text" lang={locale}>
                  {preview.body}
                </pre>
              )}
            </section>
          ) : !error ? (
            <p class="muted">{t("newsletter.loading")}</p>
          ) : null}
        </>
      )}
    </NewsletterFrame>
  );
}
