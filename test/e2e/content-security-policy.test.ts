// The Content-Security-Policy does not break what it protects: in a real Chromium, the public
// pages, the error pages, the staff app (signed in, its service worker registered, a few screens)
// and a dashboard with its charts, progress bars and records load with the policy in force and
// without a single violation reported, neither as a `securitypolicyviolation` event nor on the
// console. A first check proves the listener hears a violation when there is one.
import type { BrowserContext, ConsoleMessage, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { t } from "../../app/src/i18n/i18n.js";
import { browserMissing, ensureStaffAppBuilt, useServerAndBrowser } from "./harness.js";
import { signIn } from "./staff-app-steps.js";

const coordinator = { username: "coordinator.tg", password: "dieu-phoi-2011-demo" };
const officer = { username: "officer", password: "can-bo-2011-demo" };
const wait = { timeout: 60_000 };

declare global {
  interface Window {
    cspViolations: string[];
  }
}

/** A context that records every violation its pages report, from the first byte of each page. */
async function watchedContext(browser: import("playwright-core").Browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  context.setDefaultTimeout(30_000);
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI || "inline"}`);
    });
  });
  const reports: string[] = [];
  const listen = (page: Page) =>
    page.on("console", (message: ConsoleMessage) => {
      const text = message.text();
      if (/Content Security Policy|Permissions-Policy|Refused to/i.test(text)) reports.push(text);
    });
  return { context, reports, listen };
}

/** The violations a page has reported so far. */
const violationsOf = (page: Page) => page.evaluate(() => window.cspViolations);

/** Loads a path and checks that the answer carried the policy (so a clean result means something). */
async function open(page: Page, url: string, status = 200) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(status);
  expect(response?.headers()["content-security-policy"], url).toContain("script-src 'self'");
}

describe.skipIf(browserMissing)("the Content-Security-Policy in a real browser", () => {
  const e2e = useServerAndBrowser(ensureStaffAppBuilt);
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
  });

  it("is heard when broken: an inline script is refused and reported", async () => {
    const { context, reports, listen } = await watchedContext(e2e.browser);
    contexts.push(context);
    const page = await context.newPage();
    listen(page);
    await open(page, `${e2e.server.url}/vi/`);
    const ran = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "document.body.dataset.inline = 'ran'";
      document.body.append(script);
      return document.body.dataset.inline ?? "refused";
    });
    expect(ran).toBe("refused");
    await expect.poll(() => violationsOf(page)).toEqual(["script-src-elem: inline"]);
    await expect.poll(() => reports.length).toBeGreaterThan(0);
  });

  it("breaks none of the public pages, nor the error pages", async () => {
    const { context, reports, listen } = await watchedContext(e2e.browser);
    contexts.push(context);
    const pages: [string, number][] = [
      ["/vi/", 200],
      ["/en/", 200],
      ["/vi/du-an/dien-bien", 200],
      ["/en/projects/dien-bien", 200],
      ["/vi/nha-tai-tro", 200],
      ["/en/sponsors", 200],
      ["/vi/khong-co-trang", 404],
      ["/vi/du-an/dien%00bien", 400],
    ];
    for (const [path, status] of pages) {
      const page = await context.newPage();
      listen(page);
      await open(page, `${e2e.server.url}${path}`, status);
      // The stylesheet applied: the page is laid out by it, not by the browser's defaults.
      expect(await page.evaluate(() => document.styleSheets.length), path).toBeGreaterThan(0);
      expect(await violationsOf(page), path).toEqual([]);
      await page.close();
    }
    expect(reports).toEqual([]);
  });

  it("breaks neither the staff app, signed in with its service worker, nor the dashboards", {
    timeout: 180_000,
  }, async () => {
    // Targets, so that the dashboard draws its progress bars too.
    const api = await e2e.browser.newContext();
    contexts.push(api);
    const login = await api.request.post(`${e2e.server.url}/api/auth/login`, { data: officer });
    const { csrf_token } = (await login.json()) as { csrf_token: string };
    const period = "2011-07-01..2011-10-31";
    const saved = await api.request.put(`${e2e.server.url}/api/projects/dien-bien/targets`, {
      headers: { "x-csrf-token": csrf_token },
      data: { targets: [{ site: "TG", indicator: "people_reached", period, value: 150 }] },
    });
    expect(saved.status()).toBe(200);

    const { context, reports, listen } = await watchedContext(e2e.browser);
    contexts.push(context);
    const page = await context.newPage();
    listen(page);
    await open(page, `${e2e.server.url}/app/`);
    await signIn(page, coordinator);
    await page.getByRole("link", { name: t("home.dashboard"), exact: true }).waitFor(wait);
    // The service worker (a file, registered by the app's own script) takes control.
    await expect
      .poll(
        () => page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state)),
        wait,
      )
      .toBe("activated");
    for (const screen of ["#/clients", "#/clients/new", "#/team", "#/settings", "#/"]) {
      await page.evaluate((hash) => {
        location.hash = hash;
      }, screen);
      await page.locator("main").waitFor();
      expect(await violationsOf(page), screen).toEqual([]);
    }

    await page.getByRole("link", { name: t("home.dashboard"), exact: true }).click();
    await page.waitForURL(/\/dashboard\/dien-bien/, wait);
    await page.locator(".chart__svg").first().waitFor(wait);
    await page.locator(".kpi").first().waitFor();
    expect(await violationsOf(page)).toEqual([]);
    expect(await page.locator("svg.bar rect").count()).toBeGreaterThan(0);
    // The charts' text keeps its size without inline styles (an attribute, not a style).
    const fontSize = await page
      .locator(".chart__svg text")
      .first()
      .evaluate((text) => getComputedStyle(text).fontSize);
    expect(fontSize).toMatch(/^1[45]px$/);

    const records = await page.locator(".kpi a").first().getAttribute("href");
    expect(records).toBeTruthy();
    await open(page, new URL(records!, e2e.server.url).toString());
    expect(await violationsOf(page)).toEqual([]);
    expect(reports).toEqual([]);
  });
});
