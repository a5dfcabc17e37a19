// The website's content, for editors and administrators: a new item of each kind, then the items
// filtered by kind, state and title, a page at a time, each opening its edit screen. The filters
// live in the address, so "back" from an item returns to the same list.
import { useEffect, useState } from "preact/hooks";
import {
  type ContentKind,
  type ContentSummary,
  contentKinds,
  contentStates,
} from "../content/api.js";
import { kindLabel, stateLabel } from "../content/labels.js";
import { formatMoment, t, tn } from "../i18n/i18n.js";
import { useServices } from "../ui/context.js";
import { SelectField, TextField } from "../ui/fields.js";
import { FilterButtons } from "../ui/filter-buttons.js";
import { LoadState } from "../ui/load-state.js";
import { href, navigate } from "../ui/router.js";
import { ContentFrame } from "./content-online.js";
import { failure } from "./users-online.js";

/** Items on a page of GET /api/content/items (ITEMS_PAGE_SIZE in src/content/service.ts). */
export const CONTENT_PAGE_SIZE = 50;

interface Filters {
  kind: string;
  state: string;
  q: string;
}

function Row(props: { item: ContentSummary }) {
  const { item } = props;
  const vi = item.title.vi.trim();
  const en = item.title.en.trim();
  return (
    <li>
      <a class="list__item content-row" href={href("/content/edit", { id: item.id })}>
        <strong lang={vi ? "vi" : en ? "en" : undefined}>
          {vi || en || t("content.untitled")}
        </strong>
        {vi && en ? (
          <span class="muted" lang="en">
            {en}
          </span>
        ) : null}
        <span class="tags">
          <span class="tag">{kindLabel(item.kind)}</span>
          <span class={`tag tag--state-${item.state}`}>{stateLabel(item.state)}</span>
        </span>
        <span class="content-row__dates muted">
          {t("content.updated", { time: formatMoment(item.updated_at) })}
          {item.state === "scheduled" && item.publish_at
            ? ` · ${t("content.publish_at", { time: formatMoment(item.publish_at) })}`
            : item.published_at
              ? ` · ${t("content.published_at", { time: formatMoment(item.published_at) })}`
              : ""}
        </span>
      </a>
    </li>
  );
}

export function ContentListScreen(props: { params: URLSearchParams }) {
  const { api } = useServices();
  const applied: Filters = {
    kind: props.params.get("kind") ?? "",
    state: props.params.get("state") ?? "",
    q: props.params.get("q") ?? "",
  };
  const page = Math.max(1, Number(props.params.get("page")) || 1);
  const [draft, setDraft] = useState<Filters>(applied);
  const [answer, setAnswer] = useState<{ items: ContentSummary[]; total: number }>();
  const [error, setError] = useState<string>();
  const key = `${applied.kind}|${applied.state}|${applied.q}|${page}`;
  const filtered = Object.values(applied).some((value) => value !== "");

  useEffect(() => {
    let current = true;
    setError(undefined);
    api.content.list({ ...applied, page }).then(
      (found) => current && setAnswer(found),
      (caught) => current && setError(failure(caught)),
    );
    return () => {
      current = false;
    };
  }, [key]);

  const go = (filters: Filters, to = 1) =>
    navigate("/content", {
      kind: filters.kind || undefined,
      state: filters.state || undefined,
      q: filters.q.trim() || undefined,
      page: to > 1 ? String(to) : undefined,
    });
  const pages = answer ? Math.max(1, Math.ceil(answer.total / CONTENT_PAGE_SIZE)) : 1;
  const pageHref = (to: number) =>
    href("/content", {
      kind: applied.kind || undefined,
      state: applied.state || undefined,
      q: applied.q || undefined,
      page: to > 1 ? String(to) : undefined,
    });

  return (
    <ContentFrame title={t("content.title")}>
      {() => (
        <>
          <section class="card" aria-labelledby="content-new">
            <h2 id="content-new">{t("content.new_heading")}</h2>
            <ul class="content-new">
              {contentKinds.map((kind: ContentKind) => (
                <li key={kind}>
                  <a
                    class={`button${kind === "news" ? " button--primary" : ""}`}
                    href={href("/content/new", { kind })}
                  >
                    {t(`content.new.${kind}`)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
          {/* Folded on a phone's small screen until a filter is in use. */}
          <details class="card content-filters" open={filtered}>
            <summary>{t("content.filters")}</summary>
            <form
              aria-label={t("content.filters")}
              onSubmit={(event) => {
                event.preventDefault();
                go(draft);
              }}
            >
              <div class="content-filters__fields">
                <SelectField
                  label={t("content.kind")}
                  value={draft.kind}
                  placeholder={t("content.any")}
                  options={contentKinds.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
                  onChange={(kind) => setDraft({ ...draft, kind })}
                />
                <SelectField
                  label={t("content.state")}
                  value={draft.state}
                  placeholder={t("content.any")}
                  options={contentStates.map((state) => ({
                    value: state,
                    label: stateLabel(state),
                  }))}
                  onChange={(state) => setDraft({ ...draft, state })}
                />
                <TextField
                  label={t("content.search")}
                  type="search"
                  value={draft.q}
                  maxLength={100}
                  onInput={(q) => setDraft({ ...draft, q })}
                />
              </div>
              <FilterButtons
                apply={t("content.filter")}
                clear={t("content.clear")}
                onClear={() => {
                  const none = { kind: "", state: "", q: "" };
                  setDraft(none);
                  go(none);
                }}
              />
            </form>
          </details>
          <LoadState
            error={error}
            loading={answer === undefined && !error}
            loadingText={t("content.loading")}
          />
          {answer ? (
            <>
              <p class="muted content__count" role="status">
                {tn("content.count", answer.total)}
              </p>
              {answer.items.length === 0 ? <p>{t("content.none")}</p> : null}
              <ul class="list">
                {answer.items.map((item) => (
                  <Row key={item.id} item={item} />
                ))}
              </ul>
              {pages > 1 ? (
                <nav class="pager" aria-label={t("content.paging")}>
                  {page > 1 ? (
                    <a class="button" href={pageHref(page - 1)} rel="prev">
                      {t("content.previous")}
                    </a>
                  ) : null}
                  <span aria-current="page">{t("content.page_of", { page, pages })}</span>
                  {page < pages ? (
                    <a class="button" href={pageHref(page + 1)} rel="next">
                      {t("content.next")}
                    </a>
                  ) : null}
                </nav>
              ) : null}
            </>
          ) : null}
        </>
      )}
    </ContentFrame>
  );
}
