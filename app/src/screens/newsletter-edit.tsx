// Composing an issue of the newsletter: a subject and a free text in each language (Vietnamese
// first), and published news posts to include; saved as a draft. Once saved it can be previewed
// (its own screen), sent as a test to one's own address, and sent: a confirmation first says how
// many subscribers will get it in each language. The server's refusals go beside the fields they
// name, and a message after every action takes the focus.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ContentSummary, Locale } from "../content/api.js";
import { pathOfParameter, reasonOfRefusal } from "../content/form.js";
import { t } from "../i18n/i18n.js";
import {
  confirmedByLocale,
  type Issue,
  type IssueFields,
  type NewsletterApi,
} from "../newsletter/api.js";
import { ApiError } from "../sync/api.js";
import { useServices } from "../ui/context.js";
import { Field, SelectField, TextField } from "../ui/fields.js";
import { FormMessage, type FormMessageText } from "../ui/form-message.js";
import { Notice } from "../ui/layout.js";
import { href, navigate } from "../ui/router.js";
import { NewsletterFrame } from "./newsletter-online.js";
import { failure } from "./users-online.js";

const emptyIssue = (): IssueFields => ({
  subject_vi: "",
  subject_en: "",
  intro_vi: "",
  intro_en: "",
  news_ids: [],
  topic: null,
});

const fieldsOf = (issue: Issue): IssueFields => ({
  subject_vi: issue.subject_vi,
  subject_en: issue.subject_en,
  intro_vi: issue.intro_vi,
  intro_en: issue.intro_en,
  news_ids: issue.news_ids,
  topic: issue.topic,
});

/** Where a field's control is, for the message's links and the focus. */
const controlId = (path: string) => `newsletter-${path.replace(/\./g, "-")}`;

/** The field a refusal names: "news_ids.2" is the news list, "subject" the Vietnamese subject. */
function fieldOfParameter(parameter: string): string {
  const path = pathOfParameter(parameter);
  if (path.startsWith("news_ids")) return "news_ids";
  if (path === "subject") return "subject_vi";
  return path;
}

function TextArea(props: {
  path: string;
  label: string;
  lang: Locale;
  value: string;
  error: string | undefined;
  hint?: string;
  onInput: (value: string) => void;
}) {
  return (
    <Field id={controlId(props.path)} label={props.label} error={props.error} hint={props.hint}>
      {(id, describedBy) => (
        <textarea
          id={id}
          class="input textarea"
          lang={props.lang}
          rows={8}
          maxLength={20_000}
          value={props.value}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

function NewsPicker(props: {
  posts: ContentSummary[] | undefined;
  chosen: string[];
  error: string | undefined;
  onChange: (ids: string[]) => void;
}) {
  const { posts, chosen } = props;
  const toggle = (id: string) =>
    props.onChange(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  const hintId = `${controlId("news_ids")}-hint`;
  return (
    <fieldset
      id={controlId("news_ids")}
      tabIndex={-1}
      class={`field${props.error ? " field--error" : ""}`}
      aria-describedby={hintId}
    >
      <legend class="field__label">{t("newsletter.field.news")}</legend>
      <p class="field__hint" id={hintId}>
        {props.error ?? t("newsletter.field.news_hint")}
      </p>
      {posts === undefined ? <p class="muted">{t("newsletter.loading")}</p> : null}
      {posts?.length === 0 ? <p class="muted">{t("newsletter.no_news")}</p> : null}
      <ul class="list">
        {posts?.map((post) => (
          <li key={post.id}>
            <label class="list__item check">
              <input
                type="checkbox"
                checked={chosen.includes(post.id)}
                onChange={() => toggle(post.id)}
              />
              <span lang={post.title.vi ? "vi" : "en"}>{post.title.vi || post.title.en}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** Sending: first the numbers, then the confirmation; nothing goes before the second press. */
function SendStep(props: {
  api: NewsletterApi;
  issue: Issue;
  busy: boolean;
  onSend: () => void;
  onError: (caught: unknown) => void;
}) {
  const [counts, setCounts] = useState<Record<Locale, number>>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (counts) heading.current?.focus();
  }, [counts]);
  if (!counts)
    return (
      <div class="actions">
        <button
          type="button"
          class="button button--primary"
          disabled={props.busy}
          onClick={() =>
            props.api.counts().then((found) => setCounts(confirmedByLocale(found)), props.onError)
          }
        >
          {t("newsletter.send")}
        </button>
      </div>
    );
  const total = counts.vi + counts.en;
  return (
    <div class="notice notice--warning newsletter-confirm">
      <h3 ref={heading} tabIndex={-1}>
        {t("newsletter.confirm_title")}
      </h3>
      <p>
        {props.issue.topic
          ? t("newsletter.confirm_topic", { total, vi: counts.vi, en: counts.en })
          : t("newsletter.confirm_counts", { total, vi: counts.vi, en: counts.en })}
      </p>
      <p>{t("newsletter.confirm_final")}</p>
      <div class="actions">
        <button
          type="button"
          class="button button--primary"
          disabled={props.busy || total === 0}
          onClick={props.onSend}
        >
          {t("newsletter.confirm_yes", { total })}
        </button>
        <button type="button" class="button" onClick={() => setCounts(undefined)}>
          {t("newsletter.cancel")}
        </button>
      </div>
    </div>
  );
}

export function NewsletterEditScreen(props: { id?: string }) {
  const { api } = useServices();
  const [issue, setIssue] = useState<Issue>();
  const [loadError, setLoadError] = useState<string>();
  const [fields, setFields] = useState<IssueFields>(emptyIssue);
  const [posts, setPosts] = useState<ContentSummary[]>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<FormMessageText>();
  const [said, setSaid] = useState(0);
  const [busy, setBusy] = useState(false);
  const [testAddress, setTestAddress] = useState("");
  const [testLocale, setTestLocale] = useState<Locale>("vi");

  const show = (next: FormMessageText) => {
    setMessage(next);
    setSaid((n) => n + 1);
  };
  const take = (loaded: Issue) => {
    setIssue(loaded);
    setFields(fieldsOf(loaded));
  };

  useEffect(() => {
    if (props.id)
      api.newsletter.get(props.id).then(take, (caught) => setLoadError(failure(caught)));
    api.content.list({ kind: "news", state: "published" }).then(
      (found) => setPosts(found.items),
      () => setPosts([]),
    );
  }, [props.id]);

  const dirty = !issue || JSON.stringify(fieldsOf(issue)) !== JSON.stringify(fields);
  const set = (changes: Partial<IssueFields>) => setFields((now) => ({ ...now, ...changes }));

  const labels: Record<string, string> = {
    subject_vi: t("newsletter.field.subject_vi"),
    subject_en: t("newsletter.field.subject_en"),
    intro_vi: t("newsletter.field.intro_vi"),
    intro_en: t("newsletter.field.intro_en"),
    news_ids: t("newsletter.field.news"),
    address: t("newsletter.test_address"),
  };

  const fail = (caught: unknown) => {
    if (caught instanceof ApiError && caught.parameter && caught.parameter !== "id") {
      const path = fieldOfParameter(caught.parameter);
      const text = reasonOfRefusal(caught.message, caught.parameter);
      setErrors({ [path]: text });
      return show({
        kind: "error",
        text: t("newsletter.fix_form"),
        fields: [{ path, text: `${labels[path] ?? path}: ${text}` }],
      });
    }
    show({ kind: "error", text: failure(caught) });
  };

  /** Saves what was typed, when anything was; answers the issue as saved. */
  const persist = async (): Promise<Issue> => {
    if (issue && !dirty) return issue;
    const saved = issue
      ? await api.newsletter.save(issue.id, fields)
      : await api.newsletter.create(fields);
    if (!issue) history.replaceState(null, "", href("/newsletter/edit", { id: saved.id }));
    take(saved);
    setErrors({});
    return saved;
  };

  const run = async (step: (saved: Issue) => Promise<string | undefined>) => {
    setBusy(true);
    try {
      const said = await step(await persist());
      if (said) show({ kind: "success", text: said });
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const title = props.id ? t("newsletter.edit_title") : t("newsletter.new_title");
  return (
    <NewsletterFrame title={title} wide>
      {() =>
        loadError ? (
          <Notice kind="error">
            <p>{loadError}</p>
          </Notice>
        ) : props.id && !issue ? (
          <p class="muted">{t("newsletter.loading")}</p>
        ) : issue && issue.state !== "draft" ? (
          <Notice>
            <p>{t("newsletter.already_sent")}</p>
            <a class="button" href={href("/newsletter/progress", { id: issue.id })}>
              {t("newsletter.see_progress")}
            </a>
          </Notice>
        ) : (
          <>
            {message ? <FormMessage message={message} count={said} controlId={controlId} /> : null}
            <form
              class="content-form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void run(async () => t("newsletter.saved"));
              }}
            >
              {(["vi", "en"] as const).map((locale) => (
                <section key={locale} class="card" aria-labelledby={`newsletter-lang-${locale}`}>
                  <h2 id={`newsletter-lang-${locale}`}>{t(`newsletter.lang.${locale}`)}</h2>
                  <TextField
                    id={controlId(`subject_${locale}`)}
                    label={t(`newsletter.field.subject_${locale}`)}
                    lang={locale}
                    value={fields[`subject_${locale}`]}
                    maxLength={200}
                    error={errors[`subject_${locale}`]}
                    onInput={(value) => set({ [`subject_${locale}`]: value })}
                  />
                  <TextArea
                    path={`intro_${locale}`}
                    label={t(`newsletter.field.intro_${locale}`)}
                    hint={t("newsletter.field.intro_hint")}
                    lang={locale}
                    value={fields[`intro_${locale}`]}
                    error={errors[`intro_${locale}`]}
                    onInput={(value) => set({ [`intro_${locale}`]: value })}
                  />
                </section>
              ))}
              <NewsPicker
                posts={posts}
                chosen={fields.news_ids}
                error={errors.news_ids}
                onChange={(news_ids) => set({ news_ids })}
              />
              <div class="content-save">
                {issue && dirty ? <p class="muted">{t("newsletter.unsaved")}</p> : null}
                <button type="submit" class="button button--primary" disabled={busy}>
                  {busy ? t("newsletter.saving") : t("newsletter.save_draft")}
                </button>
              </div>
            </form>
            {issue ? (
              <>
                <section class="card" aria-labelledby="newsletter-check">
                  <h2 id="newsletter-check">{t("newsletter.check_heading")}</h2>
                  <p class="muted">
                    {dirty ? t("newsletter.preview_unsaved") : t("newsletter.preview_hint")}
                  </p>
                  <div class="actions">
                    <a class="button" href={href("/newsletter/preview", { id: issue.id })}>
                      {t("newsletter.preview")}
                    </a>
                  </div>
                  <form
                    noValidate
                    aria-labelledby="newsletter-test"
                    onSubmit={(event) => {
                      event.preventDefault();
                      const address = testAddress.trim();
                      void run(async (saved) => {
                        await api.newsletter.sendTest(saved.id, address, testLocale);
                        return t("newsletter.test_sent", { address });
                      });
                    }}
                  >
                    <h3 id="newsletter-test">{t("newsletter.test_heading")}</h3>
                    <TextField
                      id={controlId("address")}
                      label={t("newsletter.test_address")}
                      hint={t("newsletter.test_address_hint")}
                      type="text"
                      inputMode="text"
                      autoComplete="email"
                      maxLength={254}
                      value={testAddress}
                      error={errors.address}
                      onInput={setTestAddress}
                    />
                    <SelectField
                      label={t("newsletter.test_language")}
                      value={testLocale}
                      options={(["vi", "en"] as const).map((locale) => ({
                        value: locale,
                        label: t(`newsletter.lang.${locale}`),
                      }))}
                      onChange={(value) => setTestLocale(value === "en" ? "en" : "vi")}
                    />
                    <div class="actions">
                      <button type="submit" class="button" disabled={busy}>
                        {t("newsletter.send_test")}
                      </button>
                    </div>
                  </form>
                </section>
                <section class="card" aria-labelledby="newsletter-send">
                  <h2 id="newsletter-send">{t("newsletter.send_heading")}</h2>
                  <p class="muted">{t("newsletter.send_hint")}</p>
                  <SendStep
                    api={api.newsletter}
                    issue={issue}
                    busy={busy}
                    onError={fail}
                    onSend={() =>
                      run(async (saved) => {
                        await api.newsletter.send(saved.id);
                        navigate("/newsletter/progress", { id: saved.id });
                        return undefined;
                      })
                    }
                  />
                </section>
              </>
            ) : (
              <p class="muted">{t("newsletter.preview_after_save")}</p>
            )}
          </>
        )
      }
    </NewsletterFrame>
  );
}
