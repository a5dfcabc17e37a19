// The monitoring dashboard in a real Chromium, for the two roles that read it at a site: the site
// coordinator of Tuần Giáo signs in through the staff app and opens the dashboard from its home
// screen; the supervisor of Điện Biên district signs in over the API and opens it directly. Each
// sees their own site's name and figures and no other site's; the coordinator follows a figure to
// the records behind it, the supervisor has no such links. Every page passes axe-core (WCAG 2.1
// AA) at phone size, and screenshots go to docs/screenshots/dashboard-*.png.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { t } from "../../app/src/i18n/i18n.js";
import { browserMissing, ensureStaffAppBuilt, useServerAndBrowser } from "./harness.js";
import { signIn } from "./staff-app-steps.js";

const coordinator = { username: "coordinator.tg", password: "dieu-phoi-2011-demo" };
const supervisor = { username: "supervisor.db", password: "giam-sat-2011-demo" };
const officer = { username: "officer", password: "can-bo-2011-demo" };
const screenshots = path.resolve(import.meta.dirname, "../../docs/screenshots");
const wait = { timeout: 60_000 };
const sites = {
  TG: "Huyện Tuần Giáo",
  DB: "Huyện Điện Biên",
  DBP: "Thành phố Điện Biên Phủ",
};
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the Content-Security-Policy refuses inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(o: object): Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
      },
    });
    return result.violations;
  });
  return (violations as AxeViolation[]).map(
    (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}

/** What the page says in words (the charts' labels left out: they are numbers and months). */
const mainText = (page: Page) =>
  page.locator("main").evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    for (const svg of copy.querySelectorAll("svg")) svg.remove();
    return copy.textContent ?? "";
  });

/** Targets for the demo (it has none), set as the programme officer does: over the API. */
async function setDemoTargets(url: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(officer),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const { csrf_token } = (await login.json()) as { csrf_token: string };
  const period = "2011-07-01..2011-10-31";
  const saved = await fetch(`${url}/api/projects/dien-bien/targets`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf_token },
    body: JSON.stringify({
      targets: [
        { indicator: "people_reached", period, value: 500 },
        { site: "TG", indicator: "people_reached", period, value: 150 },
        { site: "TG", indicator: "condoms_distributed", period, value: 200 },
        { site: "DB", indicator: "people_reached", period, value: 160 },
      ],
    }),
  });
  expect(saved.status).toBe(200);
}

describe.skipIf(browserMissing)("the dashboard, each reader in their scope", () => {
  const e2e = useServerAndBrowser(ensureStaffAppBuilt);
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
  });

  it("a site coordinator opens it from the staff app and follows a figure to its records", {
    timeout: 180_000,
  }, async () => {
    await setDemoTargets(e2e.server.url);
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 800 } });
    contexts.push(context);
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/app/`);
    await signIn(page, coordinator);
    await page.getByRole("link", { name: t("home.dashboard"), exact: true }).click(wait);

    await page.waitForURL(/\/dashboard\/dien-bien\?lang=vi$/, wait);
    await page.getByRole("heading", { level: 2, name: "Kết quả so với chỉ tiêu" }).waitFor();
    const text = await mainText(page);
    expect(text).toContain(sites.TG);
    expect(text).not.toContain(sites.DB);
    expect(text).not.toContain(sites.DBP);
    // Tuần Giáo: 144 people reached of a target of 150.
    const people = page.locator(".kpi").filter({ hasText: "Số khách hàng được tiếp cận" });
    await expect.poll(() => people.first().textContent()).toContain("144");
    await expect.poll(() => people.first().textContent()).toContain("Chỉ tiêu 150 · đạt 96%");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, "dashboard-coordinator-360.png") });
    await page
      .locator("#coverage")
      .screenshot({ path: path.join(screenshots, "dashboard-coverage-360.png") });

    // The figure is a link to the records behind it: as many people as it says.
    await people.first().getByRole("link", { name: "144", exact: true }).click();
    await page
      .getByRole("heading", { level: 1, name: /^Số khách hàng được tiếp cận: 144$/ })
      .waitFor();
    expect(await page.locator("main").textContent()).toContain("144 đối tượng được đếm");
    const rows = page.locator("main table tbody tr");
    expect(await rows.count()).toBe(100);
    const uics = await page.locator("main table tbody tr td:nth-child(3)").allTextContents();
    expect(uics.every((uic) => /^[A-Z0-9]{4,20}$/.test(uic))).toBe(true);
    expect(await mainText(page)).not.toContain(sites.DB);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, "dashboard-records-360.png") });

    // Another site's code is answered as an unknown site, with the form.
    const refused = await page.goto(`${e2e.server.url}/dashboard/dien-bien?site=DB`);
    expect(refused?.status()).toBe(400);
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain(
      "không có địa bàn nào với mã này",
    );
  });

  it("a supervisor sees their district's figures, in English when asked, without record lists", {
    timeout: 120_000,
  }, async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    context.setDefaultTimeout(30_000);
    const login = await context.request.post(`${e2e.server.url}/api/auth/login`, {
      data: supervisor,
    });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    const response = await page.goto(`${e2e.server.url}/dashboard/dien-bien?lang=en`);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { level: 2, name: "Results against targets" }).waitFor();
    const text = await mainText(page);
    expect(text).toContain("Điện Biên district");
    expect(text).not.toContain("Tuần Giáo district");
    expect(text).not.toContain("Điện Biên Phủ city");
    const people = page.locator(".kpi").filter({ hasText: "People reached" }).first();
    expect(await people.textContent()).toContain("169");
    expect(await people.textContent()).toContain("Target 160");
    expect(await page.locator('a[href*="/records?"]').count()).toBe(0);
    expect(text).toContain("The detailed lists are for coordinators and programme staff.");
    await page.screenshot({ path: path.join(screenshots, "dashboard-supervisor-en-1280.png") });

    // A quick period: the third quarter (the filters are folded until asked for).
    await page.getByText("Change the period, site or commune", { exact: true }).click();
    await page.getByRole("link", { name: "Q3 2011", exact: true }).click();
    await page.waitForURL(/period=2011Q3/);
    expect(await page.locator("#filter-period").inputValue()).toBe("2011Q3");

    await page.setViewportSize({ width: 360, height: 800 });
    expect(await axeViolations(page)).toEqual([]);

    // The records behind a figure are not for supervisors.
    const refused = await page.goto(
      `${e2e.server.url}/dashboard/dien-bien/records?indicator=contacts`,
    );
    expect(refused?.status()).toBe(403);
  });
});
