// The staff app's first load over a slow network: the sign-in form is in the page's HTML, so a
// person can type while the app's script is still arriving. Here the script is held back until
// the form has been filled; when the app starts, what was typed and the focus are in its own form,
// and signing in works. A sign-in pressed before the app started is done when it starts. axe finds
// nothing on the form the HTML alone shows. The app's own sign-in screen does not wait for the
// device's store (Dexie, a file of its own) on a phone nobody has signed in on; a phone someone has
// signed in on opens the store first and goes straight to Home — offline, and on the first start
// of this version too (no start hint yet) — and a person signed out signs in again offline. A
// language chosen on the sign-in screen before the store opened is kept.
import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { t } from "../../app/src/i18n/i18n.js";
import { axeViolations } from "./axe.js";
import { browserMissing, ensureStaffAppBuilt, useServerAndBrowser } from "./harness.js";
import { greeting, signIn, wait, worker } from "./staff-app-steps.js";

/** The device's store and Dexie: the file main.tsx loads after the first screen (services.ts). */
const storeFile = /\/app\/assets\/database-[\w-]+\.js$/;

describe.skipIf(browserMissing)("the staff app's first load", () => {
  const e2e = useServerAndBrowser(ensureStaffAppBuilt);

  /** Holds back the app's first script. */
  async function slowLoad(page: Page) {
    const gates = new Map<string, () => void>();
    const gate = (pattern: RegExp, name: string) => {
      const released = new Promise<void>((resolve) => gates.set(name, resolve));
      return page.route(pattern, async (route: Route) => {
        await released;
        await route.continue();
      });
    };
    await gate(/\/app\/assets\/index-[\w-]+\.js$/, "app");
    await page.goto(`${e2e.server.url}/app/`, { waitUntil: "commit" });
    await page.locator("[data-first-load]").waitFor(wait);
    return (name: string) => gates.get(name)?.();
  }

  const username = (page: Page) => page.getByLabel(t("login.username"), { exact: true });
  const password = (page: Page) => page.getByLabel(t("login.password"), { exact: true });
  const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });

  it("takes a name and password before its script arrives, and signs in with them", {
    timeout: 120_000,
  }, async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 800 } });
    try {
      const page = await context.newPage();
      const asked: string[] = [];
      page.on("request", (request) => {
        asked.push(`${request.resourceType()} ${new URL(request.url()).pathname}`);
      });
      const release = await slowLoad(page);
      await username(page).fill(worker.username);
      await password(page).fill(worker.password);
      // Still the page's own form, and its button takes a press already: the page's own script
      // is in the page, allowed by its hash in the policy.
      expect(await page.locator("[data-first-load]").count()).toBe(1);
      expect(await button(page, t("login.submit")).isEnabled()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      // Drawn from the document alone: the one file asked for beside it is the app's script (held
      // back), no stylesheet, no other script, no icon, no manifest; the form wears the app's own
      // colours (its stylesheet is in the page, allowed by its hash): the button's is --accent
      // (app/src/styles.css), not the browser's grey.
      expect(asked).toEqual([
        "document /app/",
        expect.stringMatching(/^script \/app\/assets\/index-[\w-]+\.js$/),
      ]);
      expect(
        await button(page, t("login.submit")).evaluate((b) => getComputedStyle(b).backgroundColor),
      ).toBe("rgb(11, 97, 88)");
      await password(page).focus();

      release("app");
      await page.locator("[data-first-load]").waitFor({ state: "detached", ...wait });
      // The app's own form, with what was typed and the focus where it was.
      await expect.poll(() => username(page).inputValue(), wait).toBe(worker.username);
      expect(await password(page).inputValue()).toBe(worker.password);
      expect(await page.evaluate(() => document.activeElement?.getAttribute("autocomplete"))).toBe(
        "current-password",
      );
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: greeting }).waitFor(wait);
      // With its service worker, the app links its manifest: installable from this first page.
      await page.locator('link[rel="manifest"][href="/app/manifest.webmanifest"]').waitFor({
        state: "attached",
        ...wait,
      });
    } finally {
      await context.close();
    }
  });

  it("says so, in both languages, when the app's script cannot be fetched, keeping what was typed", {
    timeout: 120_000,
  }, async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 800 } });
    try {
      const page = await context.newPage();
      await page.route(/\/app\/assets\/index-[\w-]+\.js$/, (route) =>
        route.abort("internetdisconnected"),
      );
      await page.goto(`${e2e.server.url}/app/`, { waitUntil: "commit" });
      await username(page).fill(worker.username);
      const note = page.getByRole("status");
      await expect
        .poll(() => note.textContent(), wait)
        .toBe(
          "Không tải được ứng dụng: hãy kiểm tra mạng rồi tải lại trang. / " +
            "The app did not load: check the network, then reload the page.",
        );
      expect(await username(page).inputValue()).toBe(worker.username);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("takes a press of sign-in before the app's script arrives, and signs in when it starts", {
    timeout: 120_000,
  }, async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 800 } });
    try {
      const page = await context.newPage();
      const release = await slowLoad(page);
      // The page's own script has run: the button takes a press.
      await expect.poll(() => button(page, t("login.submit")).isEnabled(), wait).toBe(true);
      // Pressed with a field empty: that field gets the focus, and nothing is kept as pressed.
      await username(page).fill(worker.username);
      await button(page, t("login.submit")).click();
      expect(await page.evaluate(() => document.activeElement?.getAttribute("autocomplete"))).toBe(
        "current-password",
      );
      expect(await password(page).getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("[data-first-load] form[data-pressed]").count()).toBe(0);

      await password(page).fill(worker.password);
      await page.keyboard.press("Enter");
      await button(page, t("login.signing_in")).waitFor(wait);
      expect(await page.locator("[data-first-load] form[data-pressed]").count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      // The app starts and signs in as pressed, with nothing more to do.
      release("app");
      await page.getByRole("heading", { level: 1, name: greeting }).waitFor(wait);
    } finally {
      await context.close();
    }
  });

  it("says so when a screen cannot open offline before the app has kept its files, and goes home", {
    timeout: 120_000,
  }, async () => {
    // No service worker: the screens' files are only where the network is.
    const context = await e2e.browser.newContext({
      viewport: { width: 360, height: 800 },
      serviceWorkers: "block",
    });
    try {
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/app/`);
      await signIn(page, worker);
      await page.getByRole("heading", { level: 1, name: greeting }).waitFor(wait);
      await context.setOffline(true);
      await page.waitForFunction(() => !navigator.onLine, undefined, wait);
      await page.getByRole("link", { name: t("home.register_client"), exact: true }).click();
      await page.getByRole("heading", { level: 1, name: t("nav.failed_title") }).waitFor(wait);
      await page.getByText(t("nav.failed_offline")).waitFor(wait);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole("link", { name: t("nav.home"), exact: true }).click();
      await page.getByRole("heading", { level: 1, name: greeting }).waitFor(wait);
    } finally {
      await context.close();
    }
  });

  it("shows its own sign-in screen before the store's file arrives, and signs in once it has", {
    timeout: 120_000,
  }, async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 800 } });
    try {
      const page = await context.newPage();
      let asked = 0;
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(storeFile, async (route) => {
        asked++;
        await released;
        await route.continue();
      });
      await page.goto(`${e2e.server.url}/app/`);
      // The app's own screen (its language switch is not in the page's form). Its store's file is
      // asked for once the person begins to sign in, not before: a phone on which nobody signs in
      // never downloads it.
      await page.locator("[data-first-load]").waitFor({ state: "detached", ...wait });
      await button(page, "English").waitFor(wait);
      await page.waitForTimeout(1500);
      expect(asked).toBe(0);
      await username(page).click();
      await expect.poll(() => asked, wait).toBe(1);
      await username(page).fill(worker.username);
      await password(page).fill(worker.password);
      expect(await username(page).inputValue()).toBe(worker.username);
      // Sign-in waits for the store, saying so; then signs in with nothing more to do.
      await button(page, t("login.submit")).click();
      await button(page, t("login.signing_in")).waitFor(wait);
      release();
      await page.getByRole("heading", { level: 1, name: greeting }).waitFor(wait);
      expect(asked).toBe(1);
      // What the next start needs, and nothing personal.
      expect(
        JSON.parse((await page.evaluate(() => localStorage.getItem("peerlink.start"))) ?? "null"),
      ).toEqual({ signedIn: true, locale: "vi" });
    } finally {
      await context.close();
    }
  });

  it("keeps a language chosen on its sign-in screen before the store was open", {
    timeout: 120_000,
  }, async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 800 } });
    try {
      const page = await context.newPage();
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(storeFile, async (route) => {
        await released;
        await route.continue();
      });
      await page.goto(`${e2e.server.url}/app/`);
      await button(page, "English").click();
      // The switch waits for the store, whose opening sets the language it holds (none yet).
      release();
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor(wait);
      await button(page, "Tiếng Việt").waitFor(wait);
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem("peerlink.start")), wait)
        .toBe(JSON.stringify({ signedIn: false, locale: "en" }));
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor(wait);
    } finally {
      await context.close();
    }
  });

  it("opens on Home on a phone someone is signed in on, offline too; signed out, signs in offline", {
    timeout: 180_000,
  }, async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 800 } });
    try {
      const page = await context.newPage();
      // Whether the app's sign-in screen was drawn at any moment of this page's life.
      await page.addInitScript(() => {
        const seen = window as unknown as { sawSignIn: boolean };
        seen.sawSignIn = false;
        new MutationObserver(() => {
          if (document.querySelector("main.login:not([data-first-load])")) seen.sawSignIn = true;
        }).observe(document, { childList: true, subtree: true });
      });
      const sawSignIn = () =>
        page.evaluate(() => (window as unknown as { sawSignIn: boolean }).sawSignIn);
      const home = page.getByRole("heading", { level: 1, name: greeting });
      await page.goto(`${e2e.server.url}/app/`);
      await signIn(page, worker);
      await home.waitFor(wait);
      await page.getByText(t("offline.kept")).waitFor(wait);

      await page.reload();
      await home.waitFor(wait);
      expect(await sawSignIn()).toBe(false);
      // The first start of this version on a phone signed in with the one before: no hint yet.
      await page.evaluate(() => localStorage.removeItem("peerlink.start"));
      await page.reload();
      await home.waitFor(wait);
      expect(await sawSignIn()).toBe(false);
      expect(await page.evaluate(() => localStorage.getItem("peerlink.start"))).toBe(
        JSON.stringify({ signedIn: true, locale: "vi" }),
      );

      // Offline (as staff-app.test.ts: Chromium reloads "online" until the emulation is toggled).
      await context.route("**/api/**", (route) => route.abort("internetdisconnected"));
      await context.setOffline(true);
      await page.reload();
      await context.setOffline(false);
      await context.setOffline(true);
      await page.waitForFunction(() => !navigator.onLine, undefined, wait);
      await home.waitFor(wait);
      expect(await sawSignIn()).toBe(false);

      // Signed out offline, then in again offline: the store opens first, with the name in it.
      await page.evaluate(() => {
        location.hash = "#/settings";
      });
      await button(page, t("settings.logout")).click();
      await page.getByRole("heading", { level: 1, name: t("login.title") }).waitFor(wait);
      await page.reload();
      await context.setOffline(false);
      await context.setOffline(true);
      await page.waitForFunction(() => !navigator.onLine, undefined, wait);
      await page.getByText(t("login.offline_ready")).waitFor(wait);
      await expect.poll(() => username(page).inputValue(), wait).toBe(worker.username);
      await password(page).fill(worker.password);
      await button(page, t("login.submit")).click();
      await home.waitFor(wait);
    } finally {
      await context.close();
    }
  });

  it("is served only to a load over the network: the service worker keeps the plain page", async () => {
    const first = await fetch(`${e2e.server.url}/app/`);
    expect(await first.text()).toContain("data-first-load");
    const plain = await fetch(`${e2e.server.url}/app/index.html`);
    expect(await plain.text()).not.toContain("data-first-load");
  });
});
