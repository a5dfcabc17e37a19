// Content the NGO runs itself — pages, news posts, activities, sponsors and partners, projects'
// narrative sections — as editors change it: every save and every change of state is a revision
// (the whole set of fields, who, when); a save names the revision it was made from, so two people
// editing the same item cannot overwrite each other unseen; a published item's old slug keeps
// working as a 301. Saves of a published item are public at once: `revision` on publish only
// proves the editor publishes what they saw. Markdown is rendered and sanitised here, on save
// (markdown.ts), so pages show stored HTML only.
import { type Actor, recordEvent } from "../audit/service.js";
import { displayNamesOf } from "../auth/users-service.js";
import type { Db } from "../db/connection.js";
import { uniqueViolation } from "../db/errors.js";
import type { ContentKind, ContentState, RevisionNote, SearchKind } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { type Locale, locales } from "../lib/i18n.js";
import { newId } from "../lib/ids.js";
import { projectExists } from "../programmes/service.js";
import { indexDocuments, removeDocuments, searchKinds } from "../search/service.js";
import { pagePath } from "../site/paths.js";
import {
  allSections,
  emptyFields,
  type Localised,
  mergeFields,
  type SectionName,
  sectionNames,
  type TFields,
  type TFieldsInput,
} from "./fields.js";
import { countImagesWithoutAlt, plainText, renderMarkdown } from "./markdown.js";
import { slugsOf } from "./published.js";
import {
  findItem,
  findRevisions,
  type ItemFilter,
  type ItemRow,
  insertItem,
  insertRevision,
  listItems,
  listRevisions,
  lockItem,
  nextPublishAt,
  projectNarrativeTaken,
  retireSlug,
  slugTaken,
  updateItem,
} from "./queries.js";

/** The sanitised HTML of an item's Markdown, per language, as stored beside its source. */
export interface ItemHtml {
  body: Localised;
  sections: Record<SectionName, Localised> | null;
}

export interface ItemView {
  id: string;
  kind: ContentKind;
  /** A scheduled item whose moment has come is published. */
  state: ContentState;
  /** The number of the latest revision: a save or a publish names it. */
  revision: number;
  publish_at: string | null;
  published_at: string | null;
  updated_at: string;
  updated_by_name: string | null;
  project_slug: string | null;
  is_demo: boolean;
  fields: TFields;
}

export interface ItemSummary {
  id: string;
  kind: ContentKind;
  state: ContentState;
  title: Localised;
  updated_at: string;
  published_at: string | null;
  publish_at: string | null;
  project_slug: string | null;
}

/** Items per page of the staff list. */
export const ITEMS_PAGE_SIZE = 50;

/** Unique indexes (migration 0019), by the field whose value they keep unique, and why. */
const uniqueIndexes: Record<string, { parameter: string; reason: string }> = {
  content_items_slug_vi: { parameter: "fields.slug.vi", reason: "slug_taken" },
  content_items_slug_en: { parameter: "fields.slug.en", reason: "slug_taken" },
  content_items_project_narrative: { parameter: "project_slug", reason: "narrative_exists" },
};

/**
 * Runs `work` in a transaction. A slug (or a project's narrative) is checked free before it is
 * written (checkFields), but two saves at the same moment can both find it free: the database's
 * unique index refuses the second, which gets the same answer as if it had come later, rather than
 * a server error.
 */
async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await (db.isTransaction ? work(db) : db.transaction().execute(work));
  } catch (error) {
    const broken = uniqueIndexes[uniqueViolation(error) ?? ""];
    if (broken && !db.isTransaction) throw new AppError("invalid_parameter", broken);
    throw error;
  }
}

/** The state a visitor sees: a scheduled item is published once its moment has passed. */
export function effectiveState(row: Pick<ItemRow, "state" | "publish_at">, now: Date) {
  return row.state === "scheduled" && row.publish_at && new Date(row.publish_at) <= now
    ? "published"
    : row.state;
}

const iso = (value: Date | string | null) =>
  value === null ? null : new Date(value).toISOString();

function toItemView(row: ItemRow, names: Map<string, string>, now: Date): ItemView {
  const state = effectiveState(row, now);
  return {
    id: row.id,
    kind: row.kind,
    state,
    revision: row.revision,
    publish_at: iso(row.publish_at),
    published_at: state === "published" ? iso(row.published_at) : null,
    updated_at: iso(row.updated_at)!,
    updated_by_name: row.updated_by ? (names.get(row.updated_by) ?? null) : null,
    project_slug: row.project_slug,
    is_demo: row.is_demo,
    fields: row.fields as TFields,
  };
}

async function present(db: Db, row: ItemRow, now: Date): Promise<ItemView> {
  const names = await displayNamesOf(db, row.updated_by ? [row.updated_by] : []);
  return toItemView(row, names, now);
}

export function renderHtml(fields: TFields): ItemHtml {
  // A section's text goes under the section's h2: its headings start at h3.
  const both = (text: Localised, top: 2 | 3 = 2) => ({
    vi: renderMarkdown(text.vi, { top }),
    en: renderMarkdown(text.en, { top }),
  });
  return {
    body: both(fields.body),
    sections: fields.sections
      ? (Object.fromEntries(
          sectionNames.map((name) => [name, both(allSections(fields.sections)[name], 3)]),
        ) as Record<SectionName, Localised>)
      : null,
  };
}

/** The columns copied out of the fields, so the database can check and index them. */
function columnsOf(fields: TFields) {
  return {
    fields: JSON.stringify(fields),
    html: JSON.stringify(renderHtml(fields)),
    slug_vi: fields.slug.vi || null,
    slug_en: fields.slug.en || null,
    title_vi: fields.title.vi,
    title_en: fields.title.en,
    starts_at: fields.starts_at,
    ends_at: fields.ends_at,
  };
}

/** Rules a save must keep: a known project, free slugs, an activity that ends after it starts. */
async function checkFields(
  db: Db,
  item: { id: string; kind: ContentKind; projectSlug: string | null },
  fields: TFields,
): Promise<void> {
  if (item.kind === "project" && item.projectSlug === null) {
    throw new AppError("invalid_parameter", { parameter: "project_slug", reason: "required" });
  }
  if (item.projectSlug !== null && !(await projectExists(db, item.projectSlug))) {
    throw new AppError("invalid_parameter", {
      parameter: "project_slug",
      reason: "unknown_project",
    });
  }
  if (item.kind === "project" && (await projectNarrativeTaken(db, item.projectSlug!, item.id))) {
    throw new AppError("invalid_parameter", {
      parameter: "project_slug",
      reason: "narrative_exists",
    });
  }
  for (const locale of locales) {
    const slug = fields.slug[locale];
    if (slug && (await slugTaken(db, item.kind, locale, slug, item.id))) {
      throw new AppError("invalid_parameter", {
        parameter: `fields.slug.${locale}`,
        reason: "slug_taken",
      });
    }
  }
  if (fields.starts_at && fields.ends_at && fields.ends_at < fields.starts_at) {
    throw new AppError("invalid_parameter", {
      parameter: "fields.ends_at",
      reason: "ends_before_starts",
    });
  }
}

/** Kinds with a page of their own need a slug to be published; the others are shown elsewhere. */
const kindsWithPages = new Set<ContentKind>(["page", "news", "activity"]);

/**
 * What publishing needs: a title (and a slug) in Vietnamese; for an activity, its start and its
 * place (in either language: the page shows the other where one is missing); a text for every
 * image.
 */
function checkPublishable(kind: ContentKind, fields: TFields): void {
  const missing = (parameter: string) =>
    new AppError("invalid_parameter", { parameter, reason: "required_to_publish" });
  if (!fields.title.vi) throw missing("fields.title.vi");
  if (kindsWithPages.has(kind) && !fields.slug.vi) throw missing("fields.slug.vi");
  if (kind === "activity" && !fields.starts_at) throw missing("fields.starts_at");
  if (kind === "activity" && !fields.place.vi.trim() && !fields.place.en.trim()) {
    throw missing("fields.place.vi");
  }
  const texts: [string, string][] = locales.flatMap((locale) => [
    [`fields.body.${locale}`, fields.body[locale]] as [string, string],
    ...sectionNames.map(
      (name) =>
        [`fields.sections.${name}.${locale}`, fields.sections?.[name]?.[locale] ?? ""] as [
          string,
          string,
        ],
    ),
  ]);
  for (const [parameter, text] of texts) {
    if (countImagesWithoutAlt(text) > 0) {
      throw new AppError("invalid_parameter", { parameter, reason: "image_alt_missing" });
    }
  }
}

async function lockOrFail(db: Db, id: string): Promise<ItemRow> {
  const row = await lockItem(db, id);
  if (!row) throw new AppError("not_found", { detail: `no content item ${id}` });
  return row;
}

/** A save made from an older revision than the latest would undo someone else's changes. */
function assertLatest(row: ItemRow, revision: number): void {
  if (revision !== row.revision) {
    throw new AppError("edit_conflict", {
      detail: `revision ${revision} is not the latest (${row.revision})`,
      values: { latest: row.revision },
      revision: row.revision,
    });
  }
}

interface Change {
  fields: TFields;
  state: ContentState;
  note: RevisionNote;
  restoredFrom?: number;
  publishAt?: Date | null;
  publishedAt?: Date | null;
  projectSlug?: string | null;
}

/**
 * Writes the next revision of a locked item and the item's new columns. A published item's slugs
 * that change are kept as retired slugs, so their addresses answer with a 301.
 */
async function writeRevision(
  db: Db,
  actor: Actor,
  row: ItemRow,
  change: Change,
  now: Date,
): Promise<ItemRow> {
  const number = row.revision + 1;
  if (effectiveState(row, now) === "published") {
    const before = row.fields as TFields;
    for (const locale of locales) {
      const old = before.slug[locale];
      if (old && old !== change.fields.slug[locale]) {
        await retireSlug(db, { kind: row.kind, locale, slug: old, itemId: row.id, at: now });
      }
    }
  }
  const columns = columnsOf(change.fields);
  await updateItem(db, row.id, {
    ...columns,
    state: change.state,
    revision: number,
    updated_at: now,
    updated_by: actor.userId,
    ...(change.publishAt !== undefined ? { publish_at: change.publishAt } : {}),
    ...(change.publishedAt !== undefined ? { published_at: change.publishedAt } : {}),
    ...(change.projectSlug !== undefined ? { project_slug: change.projectSlug } : {}),
  });
  await insertRevision(db, {
    item_id: row.id,
    number,
    fields: columns.fields,
    html: columns.html,
    state: change.state,
    note: change.note,
    restored_from: change.restoredFrom ?? null,
    saved_at: now,
    saved_by: actor.userId,
  });
  const written = (await findItem(db, row.id))!;
  await keepSearchInStep(db, toItemView(written, new Map(), now));
  return written;
}

/**
 * Site search (src/search/) indexes what visitors can read, in the same transaction as the change:
 * a published item's text as it now is, a scheduled one already (search finds it from its moment
 * on), nothing of a draft or an archived item.
 */
async function keepSearchInStep(db: Db, item: ItemView): Promise<void> {
  if (!(searchKinds as readonly string[]).includes(item.kind)) return;
  const kind = item.kind as SearchKind;
  await removeDocuments(db, kind, item.id);
  const visible =
    item.state === "scheduled"
      ? { ...item, state: "published" as const, published_at: item.publish_at }
      : item;
  const documents = searchDocumentsOf(visible);
  if (documents.length === 0) return;
  await indexDocuments(
    db,
    documents.map((document) => ({
      kind,
      ref: document.ref,
      locale: document.locale,
      url: document.url,
      title: document.title,
      body: document.body,
      publishedAt: new Date(document.publishedAt ?? Date.now()),
      projectSlug: document.projectSlug,
    })),
  );
}

export interface NewItem {
  kind: ContentKind;
  project_slug?: string | null | undefined;
  fields?: TFieldsInput | undefined;
}

/** A new draft, revision 1. */
export async function createItem(
  db: Db,
  actor: Actor,
  input: NewItem,
  now: Date,
): Promise<ItemView> {
  const id = newId();
  const fields = mergeFields(emptyFields(), input.fields ?? {});
  const projectSlug = input.project_slug ?? null;
  return inTransaction(db, async (trx) => {
    await checkFields(trx, { id, kind: input.kind, projectSlug }, fields);
    await insertNew(trx, { id, kind: input.kind, projectSlug, fields, isDemo: false }, actor, now);
    return present(trx, (await findItem(trx, id))!, now);
  });
}

async function insertNew(
  db: Db,
  item: {
    id: string;
    kind: ContentKind;
    projectSlug: string | null;
    fields: TFields;
    isDemo: boolean;
  },
  actor: Actor,
  now: Date,
): Promise<void> {
  const columns = columnsOf(item.fields);
  await insertItem(db, {
    id: item.id,
    kind: item.kind,
    state: "draft",
    project_slug: item.projectSlug,
    is_demo: item.isDemo,
    revision: 1,
    ...columns,
    created_at: now,
    updated_at: now,
    updated_by: actor.userId,
  });
  await insertRevision(db, {
    item_id: item.id,
    number: 1,
    fields: columns.fields,
    html: columns.html,
    state: "draft",
    note: "created",
    saved_at: now,
    saved_by: actor.userId,
  });
}

export interface ItemSave {
  revision: number;
  fields: TFieldsInput;
  project_slug?: string | null | undefined;
}

/** A save: the next revision, in the item's current state. */
export async function saveItem(
  db: Db,
  actor: Actor,
  id: string,
  save: ItemSave,
  now: Date,
): Promise<ItemView> {
  return inTransaction(db, async (trx) => {
    const row = await lockOrFail(trx, id);
    assertLatest(row, save.revision);
    const fields = mergeFields(row.fields as TFields, save.fields);
    const projectSlug = save.project_slug === undefined ? row.project_slug : save.project_slug;
    await checkFields(trx, { id, kind: row.kind, projectSlug }, fields);
    // A published item stays publishable: its Vietnamese title and slug cannot be emptied.
    if (effectiveState(row, now) === "published") checkPublishable(row.kind, fields);
    const saved = await writeRevision(
      trx,
      actor,
      row,
      { fields, state: row.state, note: "saved", projectSlug },
      now,
    );
    return present(trx, saved, now);
  });
}

export async function publishItem(
  db: Db,
  actor: Actor,
  id: string,
  revision: number,
  now: Date,
): Promise<ItemView> {
  return inTransaction(db, async (trx) => {
    const row = await lockOrFail(trx, id);
    assertLatest(row, revision);
    const fields = row.fields as TFields;
    checkPublishable(row.kind, fields);
    // The slugs were free when saved, but an archived item that held them may have come back.
    await checkFields(trx, { id, kind: row.kind, projectSlug: row.project_slug }, fields);
    const alreadyPublished = effectiveState(row, now) === "published";
    const saved = await writeRevision(
      trx,
      actor,
      row,
      {
        fields,
        state: "published",
        note: "published",
        publishAt: null,
        publishedAt: alreadyPublished && row.published_at ? new Date(row.published_at) : now,
      },
      now,
    );
    await recordEvent(
      trx,
      actor,
      {
        action: "content.published",
        target: { type: "content", id },
        details: { kind: row.kind, revision: saved.revision },
      },
      now,
    );
    return present(trx, saved, now);
  });
}

/** Publishes the item at a later moment; until then it is not public. */
export async function scheduleItem(
  db: Db,
  actor: Actor,
  id: string,
  input: { revision: number; publishAt: Date },
  now: Date,
): Promise<ItemView> {
  if (input.publishAt <= now) {
    throw new AppError("invalid_parameter", { parameter: "publish_at", reason: "not_in_future" });
  }
  return inTransaction(db, async (trx) => {
    const row = await lockOrFail(trx, id);
    assertLatest(row, input.revision);
    const fields = row.fields as TFields;
    checkPublishable(row.kind, fields);
    await checkFields(trx, { id, kind: row.kind, projectSlug: row.project_slug }, fields);
    const saved = await writeRevision(
      trx,
      actor,
      row,
      {
        fields,
        state: "scheduled",
        note: "scheduled",
        publishAt: input.publishAt,
        publishedAt: input.publishAt,
      },
      now,
    );
    await recordEvent(
      trx,
      actor,
      {
        action: "content.scheduled",
        target: { type: "content", id },
        details: {
          kind: row.kind,
          revision: saved.revision,
          publish_at: input.publishAt.toISOString(),
        },
      },
      now,
    );
    return present(trx, saved, now);
  });
}

/** Takes the item off the website: back to a draft, or archived (its slugs are given up). */
async function withdraw(
  db: Db,
  actor: Actor,
  id: string,
  to: "draft" | "archived",
  now: Date,
): Promise<ItemView> {
  return inTransaction(db, async (trx) => {
    const row = await lockOrFail(trx, id);
    if (row.state === to) return present(trx, row, now);
    if (to === "draft") {
      // Coming back from the archive, its slugs may have been taken meanwhile.
      await checkFields(
        trx,
        { id, kind: row.kind, projectSlug: row.project_slug },
        row.fields as TFields,
      );
    }
    const saved = await writeRevision(
      trx,
      actor,
      row,
      {
        fields: row.fields as TFields,
        state: to,
        note: to === "draft" ? "unpublished" : "archived",
        publishAt: null,
        publishedAt: null,
      },
      now,
    );
    await recordEvent(
      trx,
      actor,
      {
        action: to === "draft" ? "content.unpublished" : "content.archived",
        target: { type: "content", id },
        details: { kind: row.kind, revision: saved.revision },
      },
      now,
    );
    return present(trx, saved, now);
  });
}

/** Back to a draft: off the website, kept for editing (an archived item comes back this way). */
export function unpublishItem(db: Db, actor: Actor, id: string, now: Date): Promise<ItemView> {
  return withdraw(db, actor, id, "draft", now);
}

export function archiveItem(db: Db, actor: Actor, id: string, now: Date): Promise<ItemView> {
  return withdraw(db, actor, id, "archived", now);
}

/** A new revision with the fields of an older one, in the item's current state. */
export async function restoreRevision(
  db: Db,
  actor: Actor,
  id: string,
  number: number,
  now: Date,
): Promise<ItemView> {
  return inTransaction(db, async (trx) => {
    const row = await lockOrFail(trx, id);
    const [old] = await findRevisions(trx, id, [number]);
    if (!old) throw new AppError("not_found", { detail: `item ${id} has no revision ${number}` });
    const fields = old.fields as TFields;
    await checkFields(trx, { id, kind: row.kind, projectSlug: row.project_slug }, fields);
    if (effectiveState(row, now) === "published") checkPublishable(row.kind, fields);
    const saved = await writeRevision(
      trx,
      actor,
      row,
      { fields, state: row.state, note: "restored", restoredFrom: number },
      now,
    );
    await recordEvent(
      trx,
      actor,
      {
        action: "content.restored",
        target: { type: "content", id },
        details: { kind: row.kind, revision: saved.revision, restored_from: number },
      },
      now,
    );
    return present(trx, saved, now);
  });
}

export async function getItem(db: Db, id: string, now: Date): Promise<ItemView> {
  const row = await findItem(db, id);
  if (!row) throw new AppError("not_found", { detail: `no content item ${id}` });
  return present(db, row, now);
}

/** The latest revision's HTML, for the preview of a page before it is published. */
export async function getItemWithHtml(
  db: Db,
  id: string,
  now: Date,
): Promise<{ item: ItemView; html: ItemHtml }> {
  const row = await findItem(db, id);
  if (!row) throw new AppError("not_found", { detail: `no content item ${id}` });
  return { item: await present(db, row, now), html: row.html as ItemHtml };
}

export interface ItemQuery {
  kind?: ContentKind | undefined;
  state?: ContentState | undefined;
  q?: string | undefined;
  /** From 1. */
  page: number;
}

export async function listItemSummaries(
  db: Db,
  query: ItemQuery,
  now: Date,
): Promise<{ items: ItemSummary[]; total: number }> {
  const filter: ItemFilter = {
    kind: query.kind,
    state: query.state,
    q: query.q?.trim() || undefined,
    limit: ITEMS_PAGE_SIZE,
    offset: (query.page - 1) * ITEMS_PAGE_SIZE,
  };
  const { rows, total } = await listItems(db, filter);
  return {
    items: rows.map((row) => {
      const view = toItemView(row, new Map(), now);
      return {
        id: view.id,
        kind: view.kind,
        state: view.state,
        title: view.fields.title,
        updated_at: view.updated_at,
        published_at: view.published_at,
        publish_at: view.publish_at,
        project_slug: view.project_slug,
      };
    }),
    total,
  };
}

export interface RevisionView {
  number: number;
  saved_at: string;
  saved_by_name: string | null;
  state: ContentState;
  note: RevisionNote;
  restored_from: number | null;
}

export async function listItemRevisions(db: Db, id: string): Promise<RevisionView[]> {
  if (!(await findItem(db, id))) throw new AppError("not_found", { detail: `no item ${id}` });
  const rows = await listRevisions(db, id);
  const names = await displayNamesOf(
    db,
    rows.flatMap((row) => (row.saved_by ? [row.saved_by] : [])),
  );
  return rows.map((row) => ({
    number: row.number,
    saved_at: iso(row.saved_at)!,
    saved_by_name: row.saved_by ? (names.get(row.saved_by) ?? null) : null,
    state: row.state,
    note: row.note,
    restored_from: row.restored_from,
  }));
}

/** Revisions of one item, for the diff between them. */
export async function getRevisionPair(db: Db, id: string, number: number) {
  const rows = await findRevisions(db, id, [number - 1, number]);
  const current = rows.find((row) => row.number === number);
  if (!current) throw new AppError("not_found", { detail: `item ${id} has no revision ${number}` });
  const previous = rows.find((row) => row.number === number - 1);
  return {
    before: previous ? (previous.fields as TFields) : emptyFields(),
    after: current.fields as TFields,
  };
}

export interface DemoItem {
  kind: ContentKind;
  project_slug?: string | null;
  fields: TFieldsInput;
}

/**
 * An item of the demo data set, published at a given moment, with no author (the server loads it):
 * revision 1 created, revision 2 published. Not audited: loading the demo is not an act of
 * administration, and the demo leaves the audit log empty.
 */
export async function loadDemoItem(db: Db, input: DemoItem, publishedAt: Date): Promise<string> {
  const id = newId();
  const fields = mergeFields(emptyFields(), input.fields);
  const projectSlug = input.project_slug ?? null;
  const server: Actor = { channel: "cli", userId: null, address: null };
  await checkFields(db, { id, kind: input.kind, projectSlug }, fields);
  checkPublishable(input.kind, fields);
  await insertNew(
    db,
    { id, kind: input.kind, projectSlug, fields, isDemo: true },
    server,
    publishedAt,
  );
  await writeRevision(
    db,
    server,
    (await findItem(db, id))!,
    { fields, state: "published", note: "published", publishedAt },
    publishedAt,
  );
  return id;
}

/**
 * The next moment a scheduled item goes public (null when none is waiting): a page cache that
 * keeps pages until then never shows the website without it.
 */
export function nextScheduledChange(db: Db, now: Date = new Date()): Promise<Date | null> {
  return nextPublishAt(db, now);
}

export interface SearchDocument {
  kind: ContentKind;
  ref: string;
  locale: Locale;
  url: string;
  title: string;
  /** Plain text of the summary, body and sections. */
  body: string;
  publishedAt: string | null;
  projectSlug: string | null;
}

/** Where an item is read on the public website, in a language. */
export function publicPathOf(
  item: Pick<ItemView, "kind" | "project_slug" | "fields">,
  locale: Locale,
): string | undefined {
  const slug = slugsOf(item.fields);
  switch (item.kind) {
    case "news":
      return pagePath({ kind: "news_post", slug }, locale);
    case "activity":
      return pagePath({ kind: "activity", slug }, locale);
    case "page":
      return pagePath({ kind: "content_page", slug }, locale);
    case "partner":
      return pagePath({ kind: "sponsors" }, locale);
    case "project":
      return item.project_slug
        ? pagePath({ kind: "project", slug: item.project_slug }, locale)
        : undefined;
  }
}

/**
 * What search indexes of a published item: one document per language it is written in (a language
 * with no title of its own is left out: its page shows the other language's text).
 */
export function searchDocumentsOf(item: ItemView): SearchDocument[] {
  if (item.state !== "published") return [];
  const { fields } = item;
  return locales.flatMap((locale) => {
    const url = publicPathOf(item, locale);
    if (!fields.title[locale] || !url) return [];
    const texts = [
      fields.summary[locale],
      fields.body[locale],
      ...sectionNames.map((name) => fields.sections?.[name]?.[locale] ?? ""),
    ];
    return [
      {
        kind: item.kind,
        ref: item.id,
        locale,
        url,
        title: fields.title[locale],
        body: texts
          .map(plainText)
          .filter((text) => text !== "")
          .join("\n"),
        publishedAt: item.published_at,
        projectSlug: item.project_slug,
      },
    ];
  });
}
