// Writing one item of the website's content: its texts in both languages, saved as a draft (each
// save a revision, sent with the revision it started from so two people never overwrite each
// other unknowingly), previewed, published now or at a set time, taken down or archived. After
// every action a message says what happened and takes the focus; the server's refusals go beside
// the fields they name. A language left empty is a warning, never a block.
import { useEffect, useState } from "preact/hooks";
import {
  type ContentFields,
  type ContentItem,
  type ContentKind,
  contentKinds,
  emptyFields,
  type Locale,
} from "../content/api.js";
import {
  changedTexts,
  checkFields,
  controlId,
  fieldsToSend,
  missingIn,
  pathOfParameter,
  reapplyChanges,
  reasonOfRefusal,
} from "../content/form.js";
import { fieldLabel, stateLabel } from "../content/labels.js";
import { formatMoment, t } from "../i18n/i18n.js";
import { fromVietnamTime, toVietnamTime } from "../lib/dates.js";
import { ApiError } from "../sync/api.js";
import { useServices } from "../ui/context.js";
import { TextField } from "../ui/fields.js";
import { FormMessage, type FormMessageText } from "../ui/form-message.js";
import { Notice } from "../ui/layout.js";
import { href } from "../ui/router.js";
import { ContentFieldsForm } from "./content-fields.js";
import { ContentFrame } from "./content-online.js";
import { failure } from "./users-online.js";

interface Message extends FormMessageText {
  conflict?: boolean;
}

function MessageBox(props: {
  message: Message;
  count: number;
  onReload: () => void;
  busy: boolean;
}) {
  return (
    <FormMessage message={props.message} count={props.count} controlId={controlId}>
      {props.message.conflict ? (
        <button type="button" class="button" disabled={props.busy} onClick={props.onReload}>
          {t("content.conflict_reload")}
        </button>
      ) : null}
    </FormMessage>
  );
}

/** What was typed before loading someone else's save: each changed text, to copy or put back. */
function KeptText(props: { kind: ContentKind; kept: Kept; onUse: () => void; onDrop: () => void }) {
  const entries = changedTexts(props.kind, props.kept.base, props.kept.typed);
  return (
    <section class="card content-kept" aria-labelledby="content-kept">
      <h2 id="content-kept">{t("content.kept_title")}</h2>
      <p>{t("content.kept_hint")}</p>
      {entries.map((entry) => (
        <label key={entry.path} class="field">
          <span class="field__label">{fieldLabel(entry.field, entry.locale)}</span>
          <textarea
            class="input textarea"
            lang={entry.locale}
            readOnly
            rows={3}
            value={entry.value}
          />
        </label>
      ))}
      <div class="actions">
        <button type="button" class="button button--primary" onClick={props.onUse}>
          {t("content.kept_use")}
        </button>
        <button type="button" class="button" onClick={props.onDrop}>
          {t("content.kept_drop")}
        </button>
      </div>
    </section>
  );
}

/** On a conflict: what the person typed, and the version they had started from. */
interface Kept {
  typed: ContentFields;
  base: ContentFields;
}

export function ContentEditScreen(props: { id?: string; kind?: string }) {
  const { api } = useServices();
  const newKind: ContentKind = contentKinds.find((k) => k === props.kind) ?? "news";
  const [item, setItem] = useState<ContentItem>();
  const [loadError, setLoadError] = useState<string>();
  const [fields, setFields] = useState<ContentFields>(emptyFields);
  const [projectSlug, setProjectSlug] = useState("");
  const [slugTyped, setSlugTyped] = useState<Record<Locale, boolean>>({ vi: false, en: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Message>();
  const [said, setSaid] = useState(0);
  const [busy, setBusy] = useState(false);
  const [kept, setKept] = useState<Kept>();
  const [publishAt, setPublishAt] = useState("");
  const kind = item?.kind ?? newKind;

  const show = (next: Message) => {
    setMessage(next);
    setSaid((n) => n + 1);
  };
  const take = (loaded: ContentItem) => {
    setItem(loaded);
    setFields(loaded.fields);
    setProjectSlug(loaded.project_slug ?? "");
    setSlugTyped({ vi: !!loaded.fields.slug.vi, en: !!loaded.fields.slug.en });
    setPublishAt(toVietnamTime(loaded.publish_at));
  };

  useEffect(() => {
    if (!props.id) return;
    api.content.get(props.id).then(take, (caught) => setLoadError(failure(caught)));
  }, [props.id]);

  const sent = item ? fieldsToSend(kind, item.fields) : undefined;
  const dirty =
    !item ||
    JSON.stringify(fieldsToSend(kind, fields)) !== JSON.stringify(sent) ||
    projectSlug !== (item.project_slug ?? "");

  // A reload or a closed tab would lose what was typed: the browser asks first.
  useEffect(() => {
    if (!item || !dirty) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [item, dirty]);

  const refuse = (found: Record<string, string>) => {
    setErrors(found);
    show({
      kind: "error",
      text: t("content.fix_form"),
      fields: Object.entries(found).map(([path, text]) => {
        const [name = path, ...rest] = path.split(".");
        const locale =
          rest.at(-1) === "vi" || rest.at(-1) === "en" ? (rest.at(-1) as Locale) : null;
        const field = name === "sections" ? `sections.${rest[0]}` : name;
        return { path, text: `${fieldLabel(field, locale)}: ${text}` };
      }),
    });
  };

  const persist = async (): Promise<ContentItem | undefined> => {
    const local = checkFields(fields);
    if (Object.keys(local).length) {
      refuse(
        Object.fromEntries(
          Object.entries(local).map(([path, reason]) => [path, t(`content.${reason}`)]),
        ),
      );
      return undefined;
    }
    const body = fieldsToSend(kind, fields);
    const project = kind === "project" ? projectSlug || null : undefined;
    const saved = item
      ? await api.content.save(item.id, {
          revision: item.revision,
          fields: body,
          project_slug: project,
        })
      : await api.content.create({ kind, project_slug: project, fields: body });
    // The address becomes the item's, without a new screen (the form and focus stay).
    if (!item) history.replaceState(null, "", href("/content/edit", { id: saved.id }));
    take(saved);
    setErrors({});
    return saved;
  };

  const fail = (caught: unknown) => {
    if (caught instanceof ApiError && caught.status === 409)
      return show({
        kind: "error",
        text: t("content.conflict", { name: t("content.conflict_someone") }),
        conflict: true,
      });
    if (caught instanceof ApiError && caught.parameter)
      return refuse({
        [pathOfParameter(caught.parameter)]: reasonOfRefusal(caught.message, caught.parameter),
      });
    show({ kind: "error", text: failure(caught) });
  };

  /** Saves what was typed (when anything was), then does `step`, then says `done`. */
  const run = async (
    step: ((saved: ContentItem) => Promise<ContentItem>) | undefined,
    done: (result: ContentItem) => string,
  ) => {
    setBusy(true);
    try {
      const saved = !item || dirty ? await persist() : item;
      if (!saved) return;
      const result = step ? await step(saved) : saved;
      if (result !== saved) take(result);
      show({ kind: "success", text: done(result) });
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    if (!item) return;
    setBusy(true);
    try {
      const latest = await api.content.get(item.id);
      setKept({ typed: fields, base: item.fields });
      take(latest);
      show({ kind: "success", text: t("content.reloaded", { number: latest.revision }) });
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const schedule = () => {
    const at = fromVietnamTime(publishAt);
    if (!at) return refuse({ publish_at: t("content.schedule_missing") });
    if (new Date(at).getTime() <= Date.now())
      return refuse({ publish_at: t("content.schedule_past") });
    void run(
      (saved) => api.content.schedule(saved.id, saved.revision, at),
      (result) => t("content.scheduled", { time: formatMoment(result.publish_at ?? at) }),
    );
  };

  const missingEn = missingIn(kind, fields, "en");
  const missingVi = missingIn(kind, fields, "vi");
  const title = item || props.id ? t(`content.edit.${kind}`) : t(`content.new.${kind}`);

  return (
    <ContentFrame title={title} wide>
      {() =>
        loadError ? (
          <Notice kind="error">
            <p>{loadError}</p>
          </Notice>
        ) : props.id && !item ? (
          <p class="muted">{t("content.loading")}</p>
        ) : (
          <>
            {item ? (
              <p class="content-status">
                <span class={`tag tag--state-${item.state}`}>{stateLabel(item.state)}</span>{" "}
                {item.is_demo ? <span class="tag">{t("content.demo")}</span> : null}
                {item.updated_by_name
                  ? t("content.revision_by", {
                      number: item.revision,
                      name: item.updated_by_name,
                      time: formatMoment(item.updated_at),
                    })
                  : t("content.revision_line", {
                      number: item.revision,
                      time: formatMoment(item.updated_at),
                    })}{" "}
                <a href={href("/content/revisions", { id: item.id })}>
                  {t("content.revisions_link")}
                </a>
              </p>
            ) : null}
            {message ? (
              <MessageBox message={message} count={said} busy={busy} onReload={reload} />
            ) : null}
            {kept ? (
              <KeptText
                kind={kind}
                kept={kept}
                onUse={() => {
                  setFields(reapplyChanges(kept.base, kept.typed, fields));
                  setKept(undefined);
                  show({ kind: "success", text: t("content.kept_used") });
                }}
                onDrop={() => setKept(undefined)}
              />
            ) : null}
            <form
              class="content-form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void run(undefined, (result) => t("content.saved", { number: result.revision }));
              }}
            >
              <ContentFieldsForm
                kind={kind}
                fields={fields}
                onChange={setFields}
                slugTyped={slugTyped}
                onSlugTyped={(locale) => setSlugTyped((typed) => ({ ...typed, [locale]: true }))}
                projectSlug={projectSlug}
                onProjectSlug={setProjectSlug}
                errors={errors}
              />
              {missingEn.length ? (
                <Notice kind="warning">
                  <p>
                    {t("content.missing_translation", {
                      fields: missingEn.map((field) => fieldLabel(field)).join(", "),
                    })}
                  </p>
                </Notice>
              ) : null}
              {missingVi.length ? (
                <Notice kind="warning">
                  <p>
                    {t("content.missing_vietnamese", {
                      fields: missingVi.map((field) => fieldLabel(field)).join(", "),
                    })}
                  </p>
                </Notice>
              ) : null}
              <div class="content-save">
                {item?.state === "published" ? <p class="muted">{t("content.live_note")}</p> : null}
                {item && dirty ? <p class="muted">{t("content.unsaved")}</p> : null}
                <button type="submit" class="button button--primary" disabled={busy}>
                  {busy
                    ? t("content.saving")
                    : item && item.state !== "draft"
                      ? t("content.save")
                      : t("content.save_draft")}
                </button>
              </div>
            </form>
            <section class="card content-publish" aria-labelledby="content-publish">
              <h2 id="content-publish">{t("content.publishing")}</h2>
              {item ? (
                <>
                  <p class="muted">
                    {dirty ? t("content.preview_unsaved") : t("content.preview_hint")}
                  </p>
                  <div class="actions">
                    {(["vi", "en"] as const).map((locale) => (
                      <a
                        key={locale}
                        class="button"
                        href={api.content.previewUrl(item.id, locale)}
                        target="_blank"
                        rel="noopener"
                      >
                        {t(`content.preview_${locale}`)}
                        <span class="sr"> {t("content.new_tab")}</span>
                      </a>
                    ))}
                  </div>
                </>
              ) : (
                <p class="muted">{t("content.preview_after_save")}</p>
              )}
              <div class="actions">
                <button
                  type="button"
                  class="button button--primary"
                  disabled={busy}
                  onClick={() =>
                    run(
                      (saved) => api.content.publish(saved.id, saved.revision),
                      () => t("content.published"),
                    )
                  }
                >
                  {t("content.publish")}
                </button>
              </div>
              <div class="content-schedule">
                <TextField
                  id={controlId("publish_at")}
                  type="datetime-local"
                  label={t("content.schedule_at")}
                  value={publishAt}
                  error={errors.publish_at}
                  onInput={setPublishAt}
                />
                <button type="button" class="button" disabled={busy} onClick={schedule}>
                  {t("content.schedule")}
                </button>
              </div>
              {item && item.state !== "draft" ? (
                <div class="actions">
                  <button
                    type="button"
                    class="button"
                    disabled={busy}
                    onClick={() =>
                      run(
                        (saved) => api.content.unpublish(saved.id),
                        () => t("content.unpublished"),
                      )
                    }
                  >
                    {t("content.unpublish")}
                  </button>
                </div>
              ) : null}
              {item && item.state !== "archived" ? (
                <div class="actions">
                  <button
                    type="button"
                    class="button"
                    disabled={busy}
                    onClick={() =>
                      run(
                        (saved) => api.content.archive(saved.id),
                        () => t("content.archived"),
                      )
                    }
                  >
                    {t("content.archive")}
                  </button>
                </div>
              ) : null}
            </section>
          </>
        )
      }
    </ContentFrame>
  );
}
