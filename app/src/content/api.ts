// The content API (src/content/routes.ts, docs/api.md) as the
// editing screens use it: online only, never through the outbox — a web page is not field work,
// and the server's rules (a free slug, the latest revision) need its answer.

export type Locale = "vi" | "en";
export type Texts = Record<Locale, string>;

export const contentKinds = ["page", "news", "activity", "partner", "project"] as const;
export type ContentKind = (typeof contentKinds)[number];

export const contentStates = ["draft", "scheduled", "published", "archived"] as const;
export type ContentState = (typeof contentStates)[number];

/** A project's narrative sections, in the order the project page shows them. */
export const projectSections = [
  "background",
  "objectives",
  "target_groups",
  "areas",
  "enablers",
  "difficulties",
  "lessons",
  "recommendations",
] as const;
export type ProjectSection = (typeof projectSections)[number];

export interface ContentFields {
  title: Texts;
  slug: Texts;
  summary: Texts;
  /** Markdown source. */
  body: Texts;
  /** The cover image (a partner's logo): a media id. */
  image_id: string | null;
  starts_at: string | null;
  ends_at: string | null;
  place: Texts;
  website: string | null;
  partner_role: "sponsor" | "partner" | null;
  sections: Partial<Record<ProjectSection, Texts>> | null;
}

export interface ContentItem {
  id: string;
  kind: ContentKind;
  state: ContentState;
  /** The number of the latest revision: sent back with a save, so two saves never cross. */
  revision: number;
  publish_at: string | null;
  published_at: string | null;
  updated_at: string;
  updated_by_name: string | null;
  project_slug: string | null;
  is_demo: boolean;
  fields: ContentFields;
}

export interface ContentSummary {
  id: string;
  kind: ContentKind;
  state: ContentState;
  title: Texts;
  updated_at: string;
  published_at: string | null;
  publish_at: string | null;
  project_slug: string | null;
}

export interface ContentQuery {
  kind?: string;
  state?: string;
  q?: string;
  page?: number;
}

/** What a revision was made by. */
export type RevisionNote =
  | "created"
  | "saved"
  | "published"
  | "scheduled"
  | "unpublished"
  | "archived"
  | "restored";

export interface Revision {
  number: number;
  saved_at: string;
  saved_by_name: string | null;
  state: ContentState;
  note: RevisionNote;
  /** For a restore: the revision whose content it took. */
  restored_from: number | null;
}

export interface FieldChange {
  field: string;
  locale: Locale | null;
  parts: { value: string; added?: boolean; removed?: boolean }[];
}

/** What the editing screens ask of the server. */
export interface ContentApi {
  list(query: ContentQuery): Promise<{ items: ContentSummary[]; total: number }>;
  get(id: string): Promise<ContentItem>;
  create(body: {
    kind: ContentKind;
    project_slug?: string | null;
    fields: ContentFields;
  }): Promise<ContentItem>;
  save(
    id: string,
    body: { revision: number; fields: ContentFields; project_slug?: string | null },
  ): Promise<ContentItem>;
  publish(id: string, revision: number): Promise<ContentItem>;
  schedule(id: string, revision: number, publishAt: string): Promise<ContentItem>;
  unpublish(id: string): Promise<ContentItem>;
  archive(id: string): Promise<ContentItem>;
  revisions(id: string): Promise<Revision[]>;
  diff(id: string, number: number): Promise<FieldChange[]>;
  restore(id: string, number: number): Promise<ContentItem>;
  /** The address of the preview page, opened in a new tab with the session's cookie. */
  previewUrl(id: string, locale: Locale): string;
}

/** One request to the server, as sync/api.ts makes them (CSRF header, errors as ApiError). */
export type Call = <T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
) => Promise<T>;

export function createContentApi(call: Call, baseUrl: string): ContentApi {
  const item = (id: string, action = "") => `/api/content/items/${encodeURIComponent(id)}${action}`;
  const answer = async (request: Promise<{ item: ContentItem }>) => (await request).item;
  return {
    list: (query) => {
      const params = new URLSearchParams(
        Object.entries(query)
          .filter(([, value]) => value !== undefined && value !== "")
          .map(([key, value]) => [key, String(value)]),
      ).toString();
      return call("GET", `/api/content/items${params ? `?${params}` : ""}`);
    },
    get: (id) => answer(call("GET", item(id))),
    create: (body) => answer(call("POST", "/api/content/items", body)),
    save: (id, body) => answer(call("PUT", item(id), body)),
    publish: (id, revision) => answer(call("POST", item(id, "/publish"), { revision })),
    schedule: (id, revision, publishAt) =>
      answer(call("POST", item(id, "/schedule"), { revision, publish_at: publishAt })),
    unpublish: (id) => answer(call("POST", item(id, "/unpublish"), {})),
    archive: (id) => answer(call("POST", item(id, "/archive"), {})),
    revisions: async (id) =>
      (await call<{ revisions: Revision[] }>("GET", item(id, "/revisions"))).revisions,
    diff: async (id, number) =>
      (await call<{ changes: FieldChange[] }>("GET", item(id, `/revisions/${number}/diff`)))
        .changes,
    restore: (id, number) => answer(call("POST", item(id, `/revisions/${number}/restore`), {})),
    previewUrl: (id, locale) => `${baseUrl}${item(id, "/preview")}?locale=${locale}`,
  };
}

const blank = (): Texts => ({ vi: "", en: "" });

/** A new item's fields: everything empty, ready for the form. */
export function emptyFields(): ContentFields {
  return {
    title: blank(),
    slug: blank(),
    summary: blank(),
    body: blank(),
    image_id: null,
    starts_at: null,
    ends_at: null,
    place: blank(),
    website: null,
    partner_role: null,
    sections: null,
  };
}
