// An outreach worker's day without a network, end to end: the built staff app (service worker and
// all) served by the real server, in a real Chromium at phone size. Signed in online, the worker
// goes offline, registers a client, records a contact and a group session, reloads the app with
// no network (it opens from the service worker, the work still there and waiting), comes back
// online and syncs; the server then holds the records, and the site coordinator sees them — over
// the API and in the app's team view.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { formatDate, t, tn } from "../../app/src/i18n/i18n.js";
import { today } from "../../app/src/lib/dates.js";
import { buildUic, isOneEditApart } from "../../src/people/uic.js";
import { browserMissing, ensureStaffAppBuilt, usePhones, useServerAndBrowser } from "./harness.js";
import {
  admin,
  apiSession,
  coordinator,
  escapeRegExp,
  goHome,
  greeting,
  pendingCount,
  type Row,
  screenshots,
  signIn,
  wait,
  waitUntilSynced,
  worker,
} from "./staff-app-steps.js";

describe.skipIf(browserMissing)("the staff app offline, then synced", () => {
  // The app must be built (dist/app, with its service worker) before the server serves it.
  const e2e = useServerAndBrowser(ensureStaffAppBuilt);
  const openPhone = usePhones(e2e);

  it("records a client, a contact and a group session offline; after sync the coordinator sees them", {
    timeout: 180_000,
  }, async () => {
    // A code no client has, nor one letter off with the same sex and birth year (no warning).
    const adminApi = await apiSession(e2e.server.url, admin);
    const existing = (await adminApi.pullAll())
      .filter((change) => change.type === "client")
      .map((change) => change.record as Row & { uic: string; sex: string; birth_year: number });
    await adminApi.logout();
    // How many clients the worker's phone holds besides the new one: one more can attend.
    const workerApi = await apiSession(e2e.server.url, worker);
    const workerClients = (await workerApi.pullAll()).filter(
      (change) => change.type === "client" && !change.record.voided_at,
    ).length;
    await workerApi.logout();
    const letters = "ABCDEGHIKLMNOPQRSTUVXY";
    const pick = () => letters[Math.floor(Math.random() * letters.length)]!;
    let parts: { mother: string; father: string; birthYear: number; uic: string };
    for (;;) {
      const mother = `Q${pick()}`;
      const father = `Z${pick()}`;
      const birthYear = 1950 + Math.floor(Math.random() * 50);
      const uic = buildUic({
        motherGivenName: mother,
        fatherGivenName: father,
        sex: "female",
        birthYear,
      });
      const clash = existing.some(
        (c) =>
          c.uic === uic ||
          (c.sex === "female" && c.birth_year === birthYear && isOneEditApart(c.uic, uic)),
      );
      if (!clash) {
        parts = { mother, father, birthYear, uic };
        break;
      }
    }
    const { uic } = parts;
    const topic = `e2e ngoại tuyến ${uic}`;

    // 1. Online: sign in as the outreach worker on a phone-sized screen; the first sync ends.
    const { context, page, pageErrors } = await openPhone();
    // One file the service worker keeps (the office screens' words, which a worker never opens) is
    // held back, as a slow network would: until it arrives the app is not kept, and Home says so.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holdOne = async (route: Route) => {
      await held;
      await route.continue();
    };
    await context.route(/\/app\/assets\/vi-office-[^/]*\.js$/, holdOne);
    await page.goto(`${e2e.server.url}/app/`);
    await signIn(page, worker);
    await page.getByRole("heading", { level: 1, name: greeting }).waitFor(wait);
    await waitUntilSynced(page);
    await page.getByText(t("offline.keeping")).waitFor(wait);
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, "app-e2e-keeping-offline.png") });

    // Home says when the app is kept on the phone: the service worker has precached every file and
    // taken charge of this page (clientsClaim), with no reload; from then on it opens offline.
    release();
    await page.getByText(t("offline.kept")).waitFor(wait);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await page.getByText(t("offline.keeping")).count()).toBe(0);

    // 2. Offline.
    await context.setOffline(true);
    await page.waitForFunction(() => !navigator.onLine, undefined, wait);
    await page.getByText(t("status.offline_long")).waitFor(wait);

    // Register a client with the UIC builder.
    await page.getByRole("link", { name: t("home.register_client"), exact: true }).click();
    await page.getByRole("heading", { level: 1, name: t("client.register_title") }).waitFor();
    await page.getByLabel(t("client.mother_name"), { exact: true }).fill(parts.mother);
    await page.getByLabel(t("client.father_name"), { exact: true }).fill(parts.father);
    await page
      .getByRole("group", { name: t("client.sex"), exact: true })
      .getByRole("button", { name: t("sex.female"), exact: true })
      .click();
    await page.getByLabel(t("client.birth_year"), { exact: true }).fill(String(parts.birthYear));
    await expect.poll(() => page.locator(".uic-preview strong").textContent()).toBe(uic);
    await page
      .getByLabel(t("client.population_group"), { exact: true })
      .selectOption("partner_pwud");
    await page.getByRole("button", { name: t("client.save"), exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `${t("client.title")} ${uic}` }).waitFor();
    await page.getByText(t("client.not_sent")).waitFor();
    const clientId = new URLSearchParams(new URL(page.url()).hash.split("?")[1]).get("id");
    expect(clientId).toBeTruthy();

    // Record a contact for that client.
    await page.getByRole("link", { name: t("client.record_contact"), exact: true }).click();
    await page.getByRole("heading", { level: 1, name: t("contact.title") }).waitFor();
    await page
      .getByRole("group", { name: t("contact.topics"), exact: true })
      .getByRole("button", { name: t("topic.hiv_testing"), exact: true })
      .click();
    await page.getByRole("button", { name: t("form.save"), exact: true }).click();
    // Back on the client's screen, the contact listed.
    await page.getByRole("heading", { level: 1, name: `${t("client.title")} ${uic}` }).waitFor();
    await page.getByText(t("topic.hiv_testing"), { exact: true }).waitFor();

    // Record a group session; tick the new client and, if the phone holds another, one more.
    await goHome(page);
    await page.getByRole("link", { name: t("home.group_session"), exact: true }).click();
    await page.getByRole("heading", { level: 1, name: t("session.title") }).waitFor();
    await page.getByLabel(t("session.topic"), { exact: true }).fill(topic);
    await page.getByLabel(t("session.filter"), { exact: true }).fill(uic);
    const ours = page.getByRole("checkbox", { name: new RegExp(`^${uic}`) });
    await ours.check();
    await page.getByLabel(t("session.filter"), { exact: true }).fill("");
    const attendees = workerClients > 0 ? 2 : 1;
    if (attendees === 2) await page.getByRole("checkbox", { checked: false }).first().check();
    await page.getByText(tn("session.ticked", attendees)).waitFor();
    await page.getByRole("button", { name: t("form.save"), exact: true }).click();
    await page.locator(`dt:text-is("${t("sync.pending")}")`).waitFor();

    // client + contact + session + attendances, all waiting on the phone.
    const waiting = String(3 + attendees);
    await expect.poll(() => pendingCount(page).textContent()).toBe(waiting);

    // 3. Reload with no network: the service worker opens the app, the work is still there.
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, wait);
    // Chromium 150 loads the reloaded page with `navigator.onLine` true although the context is
    // still offline (requests fail with ERR_INTERNET_DISCONNECTED); toggling the emulation sets it
    // right. While it is briefly "online", the API answers nothing, so nothing is sent.
    const noApi = (route: Route) => route.abort("internetdisconnected");
    await context.route("**/api/**", noApi);
    await context.setOffline(false);
    await context.setOffline(true);
    await page.waitForFunction(() => !navigator.onLine, undefined, wait);
    await page.getByText(t("status.offline_long")).waitFor(wait);
    await expect.poll(() => pendingCount(page).textContent(), wait).toBe(waiting);
    const badge = page.locator("header a.badge");
    await expect.poll(() => badge.innerText()).toContain(waiting);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, "app-e2e-offline.png") });

    await page.getByRole("link", { name: t("home.find_client"), exact: true }).click();
    await page.getByLabel(t("clients.search"), { exact: true }).fill(uic);
    await page.getByRole("link", { name: new RegExp(`^${uic}`) }).click();
    await page.getByRole("heading", { level: 1, name: `${t("client.title")} ${uic}` }).waitFor();
    await page.getByText(t("client.not_sent")).waitFor();
    await page.getByText(t("topic.hiv_testing"), { exact: true }).waitFor();

    // 4. Online again: "Sync now" (or the app's own sync on `online`) sends everything.
    await goHome(page);
    await context.unroute("**/api/**", noApi);
    await context.setOffline(false);
    await page.waitForFunction(() => navigator.onLine, undefined, wait);
    await page.getByText(t("status.online_long"), { exact: true }).waitFor(wait);
    await page.getByRole("button", { name: t("sync.now"), exact: true }).click();
    await waitUntilSynced(page);
    await expect.poll(() => badge.innerText()).toContain("✓");
    expect(await page.locator(".problems-link").count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, "app-e2e-synced.png") });

    // 5. On the server, as the coordinator sees it through the API.
    const api = await apiSession(e2e.server.url, coordinator);
    const pulled = await api.pullAll();
    const ofType = (type: string) => pulled.filter((c) => c.type === type).map((c) => c.record);
    const client = ofType("client").find((c) => c.uic === uic);
    expect(client).toMatchObject({
      id: clientId,
      sex: "female",
      birth_year: parts.birthYear,
      population_group: "partner_pwud",
      registered_on: today(),
      voided_at: null,
    });
    const contacts = ofType("contact").filter((c) => c.client_id === clientId);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ contact_date: today(), topics: ["hiv_testing"] });
    const sessions = ofType("group_session").filter((s) => s.topic === topic);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ held_on: today(), site_id: client?.site_id });
    const attendance = ofType("group_attendance").filter((a) => a.session_id === sessions[0]?.id);
    expect(attendance).toHaveLength(attendees);
    expect(attendance.map((a) => a.client_id)).toContain(clientId);
    const staffId = contacts[0]?.staff_id as string;
    expect(staffId).toBeTruthy();
    const reference = await api.get<{ staff: { id: string; display_name: string }[] }>(
      "/api/reference",
    );
    const staffName = reference.staff.find((s) => s.id === staffId)?.display_name;
    expect(staffName).toBeTruthy();
    await api.logout();

    // 6. The coordinator's own phone: after a sync, the team view counts today's work.
    const { page: leadPage } = await openPhone();
    await leadPage.goto(`${e2e.server.url}/app/`);
    await signIn(leadPage, coordinator);
    await leadPage.getByRole("heading", { level: 1, name: greeting }).waitFor(wait);
    await waitUntilSynced(leadPage);
    await leadPage.getByRole("link", { name: t("home.team"), exact: true }).click();
    await leadPage.getByRole("heading", { level: 1, name: t("team.title") }).waitFor();
    const row = leadPage.getByRole("row", {
      name: new RegExp(`^${escapeRegExp(staffName ?? "")}`),
    });
    await row.waitFor(wait);
    const cells = await row.getByRole("cell").allInnerTexts();
    // Contacts and sessions in the last 30 days: today's, at least (the demo's are from 2011).
    expect(Number(cells[0])).toBeGreaterThanOrEqual(1);
    expect(Number(cells[1])).toBeGreaterThanOrEqual(1);
    expect(cells[2]).toBe(formatDate(today()));

    expect(pageErrors).toEqual([]);
  });
});
