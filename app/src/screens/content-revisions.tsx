// An item's saved revisions, newest first: who saved each, when, in which state; what each changed
// from the one before (word by word, marked in words as well as on screen); and restoring one,
// after a confirmation, as a new revision — nothing is lost by restoring.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ContentItem, FieldChange, Revision } from "../content/api.js";
import { hasChanges } from "../content/diff.js";
import { DiffText } from "../content/diff-view.js";
import { fieldLabel, noteLabel, stateLabel } from "../content/labels.js";
import { formatMoment, t } from "../i18n/i18n.js";
import { useServices } from "../ui/context.js";
import { Notice } from "../ui/layout.js";
import { href } from "../ui/router.js";
import { ContentFrame } from "./content-online.js";
import { failure } from "./users-online.js";

function Changes(props: { itemId: string; number: number }) {
  const { api } = useServices();
  const [changes, setChanges] = useState<FieldChange[]>();
  const [error, setError] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    api.content
      .diff(props.itemId, props.number)
      .then(setChanges, (caught) => setError(failure(caught)));
  }, [props.itemId, props.number]);
  useEffect(() => {
    if (changes) heading.current?.focus();
  }, [changes]);
  const changed = changes?.filter((change) => hasChanges(change.parts));
  return (
    <div class="revision__diff">
      <h3 ref={heading} tabIndex={-1}>
        {t("content.revisions.diff_title", { number: props.number })}
      </h3>
      {error ? (
        <Notice kind="error">
          <p>{error}</p>
        </Notice>
      ) : null}
      {changes === undefined && !error ? <p class="muted">{t("content.loading")}</p> : null}
      {changed?.length === 0 ? <p>{t("content.revisions.no_text_changes")}</p> : null}
      {changed?.length ? (
        <>
          <p class="muted">{t("content.diff.legend")}</p>
          <dl class="diff-list">
            {changed.map((change) => (
              <div key={`${change.field}.${change.locale ?? ""}`}>
                <dt>{fieldLabel(change.field, change.locale)}</dt>
                <dd lang={change.locale ?? undefined}>
                  <DiffText parts={change.parts} />
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </div>
  );
}

function RevisionRow(props: {
  itemId: string;
  revision: Revision;
  latest: boolean;
  busy: boolean;
  onRestore: (number: number) => void;
}) {
  const { revision } = props;
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const label = t("content.revisions.number", { number: revision.number });
  return (
    <li class="card revision">
      <h2 class="revision__title">
        {label}
        {props.latest ? <span class="muted"> ({t("content.revisions.latest")})</span> : null}
      </h2>
      <p class="revision__what">{noteLabel(revision)}</p>
      <p class="revision__who">
        {revision.saved_by_name
          ? t("content.revisions.saved", {
              name: revision.saved_by_name,
              time: formatMoment(revision.saved_at),
            })
          : t("content.revisions.saved_anonymous", { time: formatMoment(revision.saved_at) })}{" "}
        <span class={`tag tag--state-${revision.state}`}>{stateLabel(revision.state)}</span>
      </p>
      <div class="actions">
        <button type="button" class="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t("content.revisions.hide_diff") : t("content.revisions.show_diff")}
          <span class="sr"> — {label}</span>
        </button>
        {!props.latest && !confirming ? (
          <button
            type="button"
            class="button"
            disabled={props.busy}
            onClick={() => setConfirming(true)}
          >
            {t("content.revisions.restore")}
            <span class="sr"> — {label}</span>
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div class="notice notice--warning revision__confirm">
          <p>{t("content.revisions.confirm", { number: revision.number })}</p>
          <div class="actions">
            <button
              ref={confirmButton}
              type="button"
              class="button button--primary"
              disabled={props.busy}
              onClick={() => {
                setConfirming(false);
                props.onRestore(revision.number);
              }}
            >
              {t("content.revisions.confirm_yes", { number: revision.number })}
            </button>
            <button type="button" class="button" onClick={() => setConfirming(false)}>
              {t("content.revisions.cancel")}
            </button>
          </div>
        </div>
      ) : null}
      {open ? <Changes itemId={props.itemId} number={revision.number} /> : null}
    </li>
  );
}

export function ContentRevisionsScreen(props: { id: string }) {
  const { api } = useServices();
  const [item, setItem] = useState<ContentItem>();
  const [revisions, setRevisions] = useState<Revision[]>();
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<{ kind: "info" | "error"; text: string; n: number }>();
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  const load = async () => {
    const [found, list] = await Promise.all([
      api.content.get(props.id),
      api.content.revisions(props.id),
    ]);
    setItem(found);
    setRevisions([...list].sort((a, b) => b.number - a.number));
  };
  useEffect(() => {
    load().catch((caught) => setError(failure(caught)));
  }, [props.id]);
  useEffect(() => {
    if (message) box.current?.focus();
  }, [message?.n]);

  const restore = async (number: number) => {
    setBusy(true);
    try {
      const restored = await api.content.restore(props.id, number);
      await load();
      setMessage({
        kind: "info",
        text: t("content.revisions.restored", { number, revision: restored.revision }),
        n: (message?.n ?? 0) + 1,
      });
    } catch (caught) {
      setMessage({ kind: "error", text: failure(caught), n: (message?.n ?? 0) + 1 });
    } finally {
      setBusy(false);
    }
  };

  const title = item ? item.fields.title.vi || item.fields.title.en || t("content.untitled") : "";
  return (
    <ContentFrame title={t("content.revisions.title")}>
      {() => (
        <>
          {item ? (
            <p class="content-status">
              {t("content.revisions.of", { title })}{" "}
              <a href={href("/content/edit", { id: props.id })}>{t("content.revisions.back")}</a>
            </p>
          ) : null}
          {message ? (
            <div
              ref={box}
              tabIndex={-1}
              class={`notice notice--${message.kind} content-message`}
              role={message.kind === "error" ? "alert" : "status"}
            >
              <p>{message.text}</p>
            </div>
          ) : null}
          {error ? (
            <Notice kind="error">
              <p>{error}</p>
            </Notice>
          ) : null}
          {revisions === undefined && !error ? <p class="muted">{t("content.loading")}</p> : null}
          {revisions?.length === 0 ? <p>{t("content.revisions.none")}</p> : null}
          {revisions?.length ? (
            <ol class="revisions" reversed>
              {revisions.map((revision, index) => (
                <RevisionRow
                  key={revision.number}
                  itemId={props.id}
                  revision={revision}
                  latest={index === 0}
                  busy={busy}
                  onRestore={restore}
                />
              ))}
            </ol>
          ) : null}
        </>
      )}
    </ContentFrame>
  );
}
