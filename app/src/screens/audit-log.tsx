// The audit log, for those the policy lets read it (administrators and programme officers): the
// newest entries first, filtered by who, what, to what and when, a page at a time. Straight from
// the server (GET /api/audit), so online only; the server refuses a bad filter in the reader's
// language and the screen shows its words.
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { can } from "../../../src/auth/policy.js";
import {
  actionLabel,
  auditActions,
  auditTargetTypes,
  describeDetails,
  describeTarget,
  targetTypeLabel,
} from "../audit/entries.js";
import { formatMoment, t } from "../i18n/i18n.js";
import type { AuditEntry, AuditQuery } from "../sync/api.js";
import { useServices, useSignedIn } from "../ui/context.js";
import { SelectField, TextField } from "../ui/fields.js";
import { FilterButtons } from "../ui/filter-buttons.js";
import { useOnline } from "../ui/hooks.js";
import { Notice, Screen } from "../ui/layout.js";
import { LoadState } from "../ui/load-state.js";
import { failure } from "./users-online.js";

const PAGE = 50;

interface Filters {
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  from: string;
  to: string;
}

const noFilters: Filters = {
  actor: "",
  action: "",
  target_type: "",
  target_id: "",
  from: "",
  to: "",
};

function AuditFrame(props: { children: () => ComponentChildren }) {
  const { user } = useSignedIn();
  const online = useOnline();
  return (
    <Screen title={t("audit.title")}>
      {!can(user, "audit.read") ? (
        <Notice kind="warning">
          <p>{t("audit.readers_only")}</p>
        </Notice>
      ) : !online ? (
        <Notice kind="warning">
          <p>{t("audit.offline")}</p>
        </Notice>
      ) : (
        props.children()
      )}
    </Screen>
  );
}

function Entry(props: { entry: AuditEntry; siteCode: (id: string) => string }) {
  const { entry } = props;
  const details = describeDetails(entry, props.siteCode);
  const who = entry.actor
    ? `${entry.actor.display_name} (${entry.actor.username})`
    : t("audit.operator");
  return (
    <li>
      <div class="list__item audit-entry">
        <span class="audit-entry__when">
          {formatMoment(entry.at)}
          {entry.address ? ` · ${t("audit.from_address", { address: entry.address })}` : ""}
        </span>
        <strong>{actionLabel(entry.action)}</strong>
        <span translate={false}>{describeTarget(entry)}</span>
        {details ? <span>{details}</span> : null}
        <span class="muted" translate={false}>
          {who}
        </span>
      </div>
    </li>
  );
}

export function AuditLogScreen() {
  const { api } = useServices();
  const { reference, user } = useSignedIn();
  const online = useOnline();
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [applied, setApplied] = useState<Filters>(noFilters);
  const [entries, setEntries] = useState<AuditEntry[]>();
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const codes = new Map(reference.sites.map((site) => [site.id, site.code]));
  const siteCode = (id: string) => codes.get(id) ?? `${id.slice(0, 8)}…`;

  const load = async (filters: Filters, before?: number) => {
    setBusy(true);
    setError(undefined);
    const query: AuditQuery = { ...filters, limit: PAGE, ...(before ? { before } : {}) };
    try {
      const page = await api.audit(query);
      setEntries((shown) => (before ? [...(shown ?? []), ...page.entries] : page.entries));
      setNext(page.next_before);
    } catch (caught) {
      setError(failure(caught));
      if (!before) setEntries([]);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (online && can(user, "audit.read")) void load(applied);
  }, [applied, online]);

  const set = (field: keyof Filters) => (value: string) => setDraft({ ...draft, [field]: value });
  // Folded on a phone's small screen until a filter is in use.
  const filtered = Object.values(applied).some((value) => value !== "");

  return (
    <AuditFrame>
      {() => (
        <>
          <p class="muted">{t("audit.intro")}</p>
          <details class="card audit-filters" open={filtered}>
            <summary>{t("audit.filters")}</summary>
            <form
              aria-label={t("audit.filters")}
              onSubmit={(event) => {
                event.preventDefault();
                setApplied({ ...draft });
              }}
            >
              <TextField
                label={t("audit.actor")}
                value={draft.actor}
                onInput={set("actor")}
                maxLength={40}
              />
              <SelectField
                label={t("audit.action")}
                value={draft.action}
                placeholder={t("audit.any")}
                options={auditActions.map((action) => ({
                  value: action,
                  label: actionLabel(action),
                }))}
                onChange={set("action")}
              />
              <SelectField
                label={t("audit.target_type")}
                value={draft.target_type}
                placeholder={t("audit.any")}
                options={auditTargetTypes.map((type) => ({
                  value: type,
                  label: targetTypeLabel(type),
                }))}
                onChange={set("target_type")}
              />
              <TextField
                label={t("audit.target_id")}
                value={draft.target_id}
                onInput={set("target_id")}
                maxLength={100}
              />
              <TextField
                label={t("audit.from")}
                type="date"
                value={draft.from}
                onInput={set("from")}
              />
              <TextField label={t("audit.to")} type="date" value={draft.to} onInput={set("to")} />
              <FilterButtons
                apply={t("audit.apply")}
                clear={t("audit.clear")}
                disabled={busy}
                onClear={() => {
                  setDraft(noFilters);
                  setApplied({ ...noFilters });
                }}
              />
            </form>
          </details>
          <LoadState
            error={error}
            loading={entries === undefined}
            loadingText={t("audit.loading")}
          />
          {entries?.length === 0 && !error ? <p>{t("audit.none")}</p> : null}
          {entries?.length ? (
            <ul class="list">
              {entries.map((entry) => (
                <Entry key={entry.id} entry={entry} siteCode={siteCode} />
              ))}
            </ul>
          ) : null}
          {next !== null ? (
            <button
              type="button"
              class="button button--wide"
              disabled={busy}
              onClick={() => load(applied, next)}
            >
              {t("audit.more")}
            </button>
          ) : null}
        </>
      )}
    </AuditFrame>
  );
}
