// The newsletter's staff API (src/newsletter/staff-routes.ts, docs/api.md) as the newsletter
// screens use it: online only, like the content screens — an issue is composed, previewed and sent
// with the server's answer each time.
import type { Call, Locale } from "../content/api.js";

export type IssueState = "draft" | "sending" | "sent";

export interface IssueSummary {
  id: string;
  state: IssueState;
  subject: { vi: string; en: string };
  recipients: number | null;
  updated_at: string;
  sent_at: string | null;
}

/** What an editor writes: the server's ZIssueFieldsSchema. */
export interface IssueFields {
  subject_vi: string;
  subject_en: string;
  intro_vi: string;
  intro_en: string;
  news_ids: string[];
  topic: string | null;
}

export interface Issue extends IssueFields {
  id: string;
  state: IssueState;
  recipients: number | null;
  updated_at: string;
  sent_at: string | null;
}

export interface IssueProgress {
  state: IssueState;
  total: number;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  /** Queued or being sent: what is still to happen. */
  left: number;
}

export interface SubscriberCount {
  status: "pending" | "confirmed" | "left";
  locale: Locale;
  n: number;
}

/** A preview: the subject, and the body in the format asked for. */
export interface Preview {
  subject: string;
  body: string;
}

/** A GET whose answer is text (a preview), with its headers. */
export type GetText = (path: string) => Promise<{ text: string; headers: Headers }>;

export interface NewsletterApi {
  list(): Promise<IssueSummary[]>;
  get(id: string): Promise<Issue>;
  create(fields: IssueFields): Promise<Issue>;
  save(id: string, fields: IssueFields): Promise<Issue>;
  /** The address of the HTML preview, for a sandboxed frame (sent with the session's cookie). */
  previewUrl(id: string, locale: Locale): string;
  previewText(id: string, locale: Locale): Promise<Preview>;
  sendTest(id: string, address: string, locale: Locale): Promise<void>;
  send(id: string): Promise<IssueProgress>;
  progress(id: string): Promise<IssueProgress>;
  counts(): Promise<SubscriberCount[]>;
}

export function createNewsletterApi(call: Call, getText: GetText, baseUrl: string): NewsletterApi {
  const issue = (id: string, action = "") =>
    `/api/newsletter/issues/${encodeURIComponent(id)}${action}`;
  const preview = (id: string, locale: Locale, format: "html" | "text") =>
    `${issue(id, "/preview")}?locale=${locale}&format=${format}`;
  return {
    list: async () =>
      (await call<{ issues: IssueSummary[] }>("GET", "/api/newsletter/issues")).issues,
    get: async (id) => (await call<{ issue: Issue }>("GET", issue(id))).issue,
    create: async (fields) =>
      (await call<{ issue: Issue }>("POST", "/api/newsletter/issues", fields)).issue,
    save: async (id, fields) => (await call<{ issue: Issue }>("PUT", issue(id), fields)).issue,
    previewUrl: (id, locale) => `${baseUrl}${preview(id, locale, "html")}`,
    previewText: async (id, locale) => {
      const { text, headers } = await getText(preview(id, locale, "text"));
      return { subject: decodeURIComponent(headers.get("x-mail-subject") ?? ""), body: text };
    },
    sendTest: async (id, address, locale) => {
      await call("POST", issue(id, "/test"), { address, locale });
    },
    send: (id) => call("POST", issue(id, "/send")),
    progress: (id) => call("GET", issue(id, "/progress")),
    counts: async () =>
      (await call<{ counts: SubscriberCount[] }>("GET", "/api/newsletter/subscribers/counts"))
        .counts,
  };
}

/** Confirmed subscribers per language: who an issue about no project goes to. */
export function confirmedByLocale(counts: readonly SubscriberCount[]): Record<Locale, number> {
  const result: Record<Locale, number> = { vi: 0, en: 0 };
  for (const count of counts) if (count.status === "confirmed") result[count.locale] += count.n;
  return result;
}
