// What the staff app's end-to-end tests share: the demo's accounts, a session over the API as
// its own clients open one, and the steps a person takes in the app (sign in, go home, wait until
// everything is sent).
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { t } from "../../app/src/i18n/i18n.js";

export const worker = { username: "worker.tg", password: "tiep-can-2011-demo" };
export const coordinator = { username: "coordinator.tg", password: "dieu-phoi-2011-demo" };
export const admin = { username: "admin", password: "quan-tri-2011-demo" };
export const editor = { username: "editor", password: "bien-tap-2011-demo" };
export const screenshots = path.resolve(import.meta.dirname, "../../docs/screenshots");
export const wait = { timeout: 60_000 };
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
export const greeting = new RegExp(`^${escapeRegExp(t("home.greeting", { name: "" }))}`);

export type Row = Record<string, unknown> & { id: string };
export interface Pulled {
  type: string;
  record: Row;
}

/** Signs in over HTTP as the API's own clients do: the session cookie, then the CSRF token. */
export async function apiSession(url: string, account: { username: string; password: string }) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(account),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const body = (await response.json()) as { csrf_token: string };
  expect(body.csrf_token).toBeTruthy();
  const get = async <T>(pathname: string): Promise<T> => {
    const answer = await fetch(`${url}${pathname}`, { headers: { cookie } });
    expect(answer.status, pathname).toBe(200);
    return (await answer.json()) as T;
  };
  /** Everything the account may see: pull from cursor 0 while the server says there is more. */
  const pullAll = async (): Promise<Pulled[]> => {
    const all: Pulled[] = [];
    let cursor = 0;
    for (;;) {
      const page = await get<{ changes: Pulled[]; cursor: number; more: boolean }>(
        `/api/sync/pull?cursor=${cursor}`,
      );
      all.push(...page.changes);
      cursor = page.cursor;
      if (!page.more) return all;
    }
  };
  const logout = async () => {
    const answer = await fetch(`${url}/api/auth/logout`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": body.csrf_token },
    });
    expect(answer.status).toBe(204);
  };
  return { cookie, csrfToken: body.csrf_token, get, pullAll, logout };
}

/** The home screen's sync card: "waiting to send" and "last sync". */
export const pendingCount = (page: Page) => page.locator(`dt:text-is("${t("sync.pending")}") + dd`);
export const lastSync = (page: Page) => page.locator(`dt:text-is("${t("sync.last")}") + dd`);

export async function signIn(page: Page, account: { username: string; password: string }) {
  // The page's own form (first.html) is replaced when the app starts; a fill that lands on it in
  // that instant is lost, so sign in on the app's form (test/e2e/first-load.test.ts types early).
  await page.locator("[data-first-load]").waitFor({ state: "detached", ...wait });
  await page.getByLabel(t("login.username"), { exact: true }).fill(account.username);
  await page.getByLabel(t("login.password"), { exact: true }).fill(account.password);
  await page.getByRole("button", { name: t("login.submit"), exact: true }).click();
}

/** Home, after a complete sync: nothing waiting and a time of the last sync. */
export async function waitUntilSynced(page: Page) {
  await expect.poll(() => pendingCount(page).textContent(), wait).toBe("0");
  await expect.poll(() => lastSync(page).textContent(), wait).not.toMatch(/^(…|)$/);
  await expect.poll(() => lastSync(page).textContent(), wait).not.toBe(t("sync.never"));
}

export async function goHome(page: Page) {
  await page.evaluate(() => {
    location.hash = "#/";
  });
  await page.locator(`dt:text-is("${t("sync.pending")}")`).waitFor(wait);
}
