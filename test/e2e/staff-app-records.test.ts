// The staff app as people use it, end to end (the built app in a real Chromium at phone size,
// the real server on the demo data): a coordinator records one of every kind of record through
// the app's screens and the server holds each as entered — training and coaching participants
// included; a server fault and a lost answer are said as they are, and nothing is lost or
// doubled; a UIC a colleague registered is caught at the phone when online, and when it was
// registered offline the server's refusal is fixed with the registration's UIC builder; a training
// refused for its date is shown with its participants by name and fixed in its own fields.
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { t, tn } from "../../app/src/i18n/i18n.js";
import { today } from "../../app/src/lib/dates.js";
import { buildUic, isOneEditApart, type Sex } from "../../src/people/uic.js";
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

type ClientRow = Row & { uic: string; sex: Sex; birth_year: number; site_id: string };
const idFromUrl = (page: Page) =>
  new URLSearchParams(new URL(page.url()).hash.split("?")[1]).get("id") ?? "";

describe.skipIf(browserMissing)("the staff app: every record, every failure, every fix", () => {
  const e2e = useServerAndBrowser(ensureStaffAppBuilt);
  const openPhone = usePhones(e2e);

  /** Every client the demo holds, as the administrator pulls them. */
  async function allClients(): Promise<ClientRow[]> {
    const api = await apiSession(e2e.server.url, admin);
    const clients = (await api.pullAll())
      .filter((c) => c.type === "client")
      .map((c) => c.record as ClientRow);
    await api.logout();
    return clients;
  }

  /** Parents' names that build a code no client has, nor one letter off (no warning). */
  function freshParts(existing: readonly ClientRow[], sex: Sex) {
    const letters = "ABCDEGHIKLMNOPQRSTUVXY";
    const pick = () => letters[Math.floor(Math.random() * letters.length)]!;
    for (;;) {
      const mother = `Q${pick()}`;
      const father = `Z${pick()}`;
      const birthYear = 1950 + Math.floor(Math.random() * 50);
      const uic = buildUic({ motherGivenName: mother, fatherGivenName: father, sex, birthYear });
      const clash = existing.some(
        (c) =>
          c.uic === uic ||
          (c.sex === sex && c.birth_year === birthYear && isOneEditApart(c.uic, uic)),
      );
      if (!clash) return { mother, father, birthYear, uic, sex };
    }
  }

  async function phone(
    account: { username: string; password: string },
    setUp?: (c: BrowserContext) => Promise<void>,
  ) {
    const { context, page, pageErrors: errors } = await openPhone(setUp);
    await page.goto(`${e2e.server.url}/app/`);
    await signIn(page, account);
    await page.getByRole("heading", { level: 1, name: greeting }).waitFor(wait);
    await waitUntilSynced(page);
    // The tests go offline: the screens they open then come from the service worker, which on a
    // busy machine may still be storing the app when the first sync ends.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, wait);
    return { context, page, errors };
  }

  const tile = (page: Page, name: string) => page.getByRole("link", { name, exact: true }).click();
  /** Presses a chip, unless it is pressed already (its name then starts with a check mark). */
  const chip = async (page: Page, group: string, name: string) => {
    const button = page
      .getByRole("group", { name: group, exact: true })
      .getByRole("button", { name: new RegExp(`^(✓ )?${escapeRegExp(name)}$`) });
    if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  };
  const field = (page: Page, name: string) => page.getByLabel(name, { exact: true });
  const save = (page: Page, name = t("form.save")) =>
    page.getByRole("button", { name, exact: true }).click();
  const heading = (page: Page, name: string) =>
    page.getByRole("heading", { level: 1, name }).waitFor(wait);

  async function registerClient(
    page: Page,
    parts: { mother: string; father: string; birthYear: number; sex: Sex },
  ) {
    await field(page, t("client.mother_name")).fill(parts.mother);
    await field(page, t("client.father_name")).fill(parts.father);
    await chip(page, t("client.sex"), t(`sex.${parts.sex}`));
    await field(page, t("client.birth_year")).fill(String(parts.birthYear));
  }

  it("a coordinator records one of every record type in the app; the server holds each as entered", {
    timeout: 300_000,
  }, async () => {
    const { page, errors } = await phone(coordinator);
    const clients = await allClients();
    const parts = freshParts(clients, "male");
    const day = today();
    const lead = await apiSession(e2e.server.url, coordinator);
    const reference = await lead.get<{
      sites: { id: string; code: string; project_id: string }[];
      staff: { id: string; display_name: string; site_ids: string[] }[];
    }>("/api/reference");
    await lead.logout();
    const site = reference.sites.find((s) => s.code === "TG") ?? reference.sites[0]!;
    const colleagues = reference.staff.filter((s) => s.site_ids.includes(site.id)).slice(0, 2);
    expect(colleagues).toHaveLength(2);

    // The coordinator's phone holds the site's clients: a code one of them has is never saved
    // as another person — the phone offers to open that client; a code one letter off may be.
    const known = clients.find(
      (c) => c.site_id === site.id && !c.voided_at && /^[A-Z]{4}/.test(c.uic),
    )!;
    const near = [..."ABCDEGHIKLMNOPQRSTUVY"]
      .map((letter) => `${letter}${known.uic.slice(1)}`)
      .find((code) => !clients.some((c) => c.uic === code))!;
    await tile(page, t("home.register_client"));
    await registerClient(page, {
      mother: known.uic.slice(0, 2),
      father: known.uic.slice(2, 4),
      sex: known.sex,
      birthYear: known.birth_year,
    });
    await page.getByText(t("dup.exact_here")).waitFor(wait);
    const saveClient = page.getByRole("button", { name: t("client.save"), exact: true });
    expect(await saveClient.isDisabled()).toBe(true);
    expect(await page.getByRole("checkbox", { name: t("client.not_the_same") }).count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, "app-duplicate-exact.png") });
    await field(page, t("client.mother_name")).fill(near.slice(0, 2));
    await page.getByText(t("client.similar_uic")).waitFor(wait);
    expect(await saveClient.isDisabled()).toBe(true);
    await page.getByRole("checkbox", { name: t("client.not_the_same") }).check();
    expect(await saveClient.isDisabled()).toBe(false);
    await field(page, t("client.mother_name")).fill(known.uic.slice(0, 2));
    await page.getByText(t("dup.exact_here")).waitFor(wait);
    await page
      .locator(".notice")
      .getByRole("link", { name: new RegExp(`^${known.uic}`) })
      .click();
    await heading(page, `${t("client.title")} ${known.uic}`);
    await goHome(page);

    // A client, registered with the UIC builder, with the optional name and phone.
    await tile(page, t("home.register_client"));
    await registerClient(page, parts);
    await expect.poll(() => page.locator(".uic-preview strong").textContent()).toBe(parts.uic);
    await field(page, t("client.population_group")).selectOption("pwid");
    await page.getByLabel(new RegExp(`^${t("client.name")}`)).fill("Lò Văn Kiên");
    await page.getByLabel(new RegExp(`^${t("client.phone")}`)).fill("0912 000 111");
    await save(page, t("client.save"));
    await heading(page, `${t("client.title")} ${parts.uic}`);
    const clientId = idFromUrl(page);

    // A contact with two topics and three condoms (a distribution linked to it).
    await page.getByRole("link", { name: t("client.record_contact"), exact: true }).click();
    await heading(page, t("contact.title"));
    await chip(page, t("contact.topics"), t("topic.hiv_testing"));
    await chip(page, t("contact.topics"), t("topic.condom_use"));
    for (let i = 0; i < 3; i++) await page.getByRole("button", { name: t("form.more") }).click();
    await save(page);
    await heading(page, `${t("client.title")} ${parts.uic}`);

    // A referral to an HIV test, then its outcome.
    await page.getByRole("link", { name: t("client.refer"), exact: true }).click();
    await heading(page, t("referral.title"));
    await chip(page, t("referral.service"), t("service.hiv_test"));
    await page.getByLabel(new RegExp(`^${t("referral.facility")}`)).fill("TTYT Tuần Giáo");
    await save(page);
    await heading(page, `${t("client.title")} ${parts.uic}`);
    await page.getByRole("link", { name: new RegExp(`^${t("service.hiv_test")}`) }).click();
    await heading(page, t("referral.outcome_title"));
    await chip(page, t("referral.result"), t("result.negative"));
    await save(page);
    await heading(page, `${t("client.title")} ${parts.uic}`);

    // Lubricant handed to the client.
    await page.getByRole("link", { name: t("client.give"), exact: true }).click();
    await heading(page, t("distribution.title"));
    await chip(page, t("distribution.item"), t("item.lubricant"));
    await save(page);
    await heading(page, `${t("client.title")} ${parts.uic}`);

    // Leaflets handed out to no one client, from home.
    await goHome(page);
    await tile(page, t("home.distribution"));
    await chip(page, t("distribution.item"), t("item.leaflet"));
    await field(page, t("distribution.quantity")).fill("25");
    await save(page);

    // A group session the client attended.
    await page.locator(`dt:text-is("${t("sync.pending")}")`).waitFor();
    await tile(page, t("home.group_session"));
    const topic = `e2e mọi loại bản ghi ${parts.uic}`;
    await field(page, t("session.topic")).fill(topic);
    await field(page, t("session.filter")).fill(parts.uic);
    await page.getByRole("checkbox", { name: new RegExp(`^${parts.uic}`) }).check();
    await save(page);

    // A training with two participants, and a coaching round with one.
    await page.locator(`dt:text-is("${t("sync.pending")}")`).waitFor();
    await tile(page, t("home.training"));
    await chip(page, t("training.kind"), t("kind.initial"));
    await field(page, t("training.name")).fill(`Tập huấn e2e ${parts.uic}`);
    await page.getByLabel(new RegExp(`^${t("training.venue")}`)).fill("Hội trường huyện");
    for (const member of colleagues)
      await page.getByRole("checkbox", { name: member.display_name, exact: true }).check();
    await page.getByText(tn("training.ticked", 2)).waitFor();
    await save(page);
    await page.locator(`dt:text-is("${t("sync.pending")}")`).waitFor();
    await tile(page, t("home.training"));
    await chip(page, t("training.kind"), t("kind.coaching"));
    await field(page, t("training.name")).fill(`Cầm tay chỉ việc e2e ${parts.uic}`);
    await page.getByRole("checkbox", { name: colleagues[1]!.display_name, exact: true }).check();
    await save(page);

    // A supervision visit.
    await page.locator(`dt:text-is("${t("sync.pending")}")`).waitFor();
    await tile(page, t("home.supervision"));
    await field(page, t("supervision.findings")).fill(`Sổ sách đầy đủ ${parts.uic}`);
    await field(page, t("supervision.actions")).fill("Nhắc lịch chuyển gửi");
    await save(page);

    await page.locator(`dt:text-is("${t("sync.pending")}")`).waitFor();
    await page.getByRole("button", { name: t("sync.now"), exact: true }).click();
    await waitUntilSynced(page);
    expect(await page.locator(".problems-link").count()).toBe(0);
    await page.getByText(t("sync.story.all_sent")).waitFor();

    // On the server, each as entered.
    const api = await apiSession(e2e.server.url, admin);
    const pulled = await api.pullAll();
    await api.logout();
    const ofType = (type: string) => pulled.filter((c) => c.type === type).map((c) => c.record);
    expect(ofType("client").find((c) => c.id === clientId)).toMatchObject({
      uic: parts.uic,
      sex: "male",
      birth_year: parts.birthYear,
      population_group: "pwid",
      registered_on: day,
      site_id: site.id,
      has_details: true,
    });
    const contact = ofType("contact").find((c) => c.client_id === clientId);
    expect(contact).toMatchObject({ contact_date: day, voided_at: null });
    expect([...((contact?.topics as string[]) ?? [])].sort()).toEqual([
      "condom_use",
      "hiv_testing",
    ]);
    const given = ofType("commodity_distribution");
    expect(given.find((d) => d.contact_id === contact?.id)).toMatchObject({
      item: "condom",
      quantity: 3,
      client_id: clientId,
      distributed_on: day,
    });
    expect(given.find((d) => d.client_id === clientId && d.contact_id === null)).toMatchObject({
      item: "lubricant",
      quantity: 10,
    });
    expect(
      given.find((d) => d.item === "leaflet" && d.client_id === null && d.distributed_on === day),
    ).toMatchObject({ quantity: 25, site_id: site.id });
    expect(ofType("referral").find((r) => r.client_id === clientId)).toMatchObject({
      service: "hiv_test",
      facility: "TTYT Tuần Giáo",
      referred_on: day,
      arrived_on: day,
      result: "negative",
      result_on: day,
    });
    const session = ofType("group_session").find((s) => s.topic === topic);
    expect(session).toMatchObject({ held_on: day, site_id: site.id });
    expect(ofType("group_attendance").filter((a) => a.session_id === session?.id)).toMatchObject([
      { client_id: clientId },
    ]);
    const training = ofType("training").find((tr) => tr.title === `Tập huấn e2e ${parts.uic}`);
    expect(training).toMatchObject({
      kind: "initial",
      starts_on: day,
      ends_on: day,
      venue: "Hội trường huyện",
      site_id: site.id,
      project_id: site.project_id,
    });
    const coaching = ofType("training").find(
      (tr) => tr.title === `Cầm tay chỉ việc e2e ${parts.uic}`,
    );
    expect(coaching).toMatchObject({ kind: "coaching", site_id: site.id });
    const participants = ofType("training_participant");
    expect(
      participants
        .filter((p) => p.training_id === training?.id)
        .map((p) => p.staff_id)
        .sort(),
    ).toEqual(colleagues.map((c) => c.id).sort());
    expect(
      participants.filter((p) => p.training_id === coaching?.id).map((p) => p.staff_id),
    ).toEqual([colleagues[1]!.id]);
    expect(
      ofType("supervision_visit").find((v) => v.findings === `Sổ sách đầy đủ ${parts.uic}`),
    ).toMatchObject({ visited_on: day, actions: "Nhắc lịch chuyển gửi", site_id: site.id });
    expect(errors).toEqual([]);
  });

  it("a server fault and a lost answer are said as they are; nothing is lost or doubled", {
    timeout: 300_000,
  }, async () => {
    const { page, errors } = await phone(worker);
    const parts = freshParts(await allClients(), "female");

    // The server fails (500) on every push.
    await page.route("**/api/sync/push", (route) =>
      route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "internal", message: "Đã xảy ra lỗi hệ thống." } }),
      }),
    );
    await tile(page, t("home.register_client"));
    await registerClient(page, parts);
    await field(page, t("client.population_group")).selectOption("msm");
    await save(page, t("client.save"));
    await heading(page, `${t("client.title")} ${parts.uic}`);
    await goHome(page);
    await page.getByText(t("sync.story.server_error", { status: 500 })).waitFor(wait);
    await page.getByText(tn("sync.story.safe", 1)).waitFor();
    // Online, but failing: the header says so too, and nowhere "cannot reach the server".
    await expect
      .poll(() => page.locator("header a.badge").getAttribute("class"))
      .toContain("badge--trouble");
    await expect
      .poll(() => page.locator("header a.badge .sr").first().textContent())
      .toBe(t("status.trouble"));
    expect(await page.getByText(t("sync.story.offline")).count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, "app-sync-server-error.png") });

    // The answer is lost: the server takes the push, the phone never hears back.
    await page.unroute("**/api/sync/push");
    let lost = 0;
    await page.route("**/api/sync/push", async (route) => {
      await route.fetch();
      lost += 1;
      await route.abort("connectionreset");
    });
    await page.getByRole("button", { name: t("sync.now"), exact: true }).click();
    await expect.poll(() => lost, wait).toBe(1);
    await page.getByText(tn("sync.story.unanswered", 1)).waitFor(wait);
    await expect.poll(() => pendingCount(page).textContent()).toBe("1");
    const story = await page.locator(".sync__story").innerText();
    expect(story).toContain(tn("sync.story.safe", 1));
    expect(story).toMatch(/\d\d:\d\d/);
    await page.screenshot({ path: path.join(screenshots, "app-sync-lost-answer.png") });

    // The answers come back: the retry is taken as the change it is, once.
    await page.unroute("**/api/sync/push");
    await page.getByRole("button", { name: t("sync.now"), exact: true }).click();
    await waitUntilSynced(page);
    await page.getByText(t("sync.story.all_sent")).waitFor();
    expect((await allClients()).filter((c) => c.uic === parts.uic)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("a colleague's UIC: refused at the phone online; registered offline, the server's refusal is fixed with the UIC builder", {
    timeout: 300_000,
  }, async () => {
    const clients = await allClients();
    const api = await apiSession(e2e.server.url, worker);
    const mine = new Set(
      (await api.pullAll()).filter((c) => c.type === "client").map((c) => c.record.id),
    );
    const me = await api.get<{ user: { site_ids: string[] } }>("/api/auth/me");
    await api.logout();
    // A live client of the worker's site that a colleague registered: not on the worker's phone.
    const theirs = clients.find(
      (c) =>
        c.site_id === me.user.site_ids[0] &&
        !mine.has(c.id) &&
        !c.voided_at &&
        /^[A-Z]{4}/.test(c.uic),
    );
    expect(theirs).toBeDefined();
    const same = {
      mother: theirs!.uic.slice(0, 2),
      father: theirs!.uic.slice(2, 4),
      sex: theirs!.sex,
      birthYear: theirs!.birth_year,
    };
    expect(
      buildUic({
        motherGivenName: same.mother,
        fatherGivenName: same.father,
        sex: same.sex,
        birthYear: same.birthYear,
      }),
    ).toBe(theirs!.uic);

    const { context, page, errors } = await phone(worker);
    // Online: the server knows the code is taken at this site; the phone offers no way to save it.
    await tile(page, t("home.register_client"));
    await registerClient(page, same);
    await page.getByText(t("dup.exact_colleague")).waitFor(wait);
    expect(
      await page.getByRole("button", { name: t("client.save"), exact: true }).isDisabled(),
    ).toBe(true);
    expect(await page.getByText(t("client.not_the_same")).count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, "app-duplicate-colleague.png") });

    // Offline: only the phone's own clients to check against; saved, with a contact.
    await goHome(page);
    await context.setOffline(true);
    await page.waitForFunction(() => !navigator.onLine, undefined, wait);
    await tile(page, t("home.register_client"));
    await registerClient(page, same);
    await field(page, t("client.population_group")).selectOption("pwud");
    // One of the worker's own clients may be a letter off: that one may be confirmed as another.
    // The phone's check runs as the code is typed; on a busy machine its answer can come after
    // the save was pressed, and then the form asks for the confirmation instead of saving.
    const nearOwn = page.getByRole("checkbox", { name: t("client.not_the_same") });
    if (await nearOwn.count()) await nearOwn.check();
    await save(page, t("client.save"));
    const saved = page.getByRole("heading", {
      level: 1,
      name: `${t("client.title")} ${theirs!.uic}`,
    });
    await saved.or(nearOwn).first().waitFor(wait);
    if (!(await saved.isVisible()) && !(await nearOwn.isChecked())) {
      await nearOwn.check();
      await save(page, t("client.save"));
    }
    await heading(page, `${t("client.title")} ${theirs!.uic}`);
    const clientId = idFromUrl(page);
    await page.getByRole("link", { name: t("client.record_contact"), exact: true }).click();
    await chip(page, t("contact.topics"), t("topic.harm_reduction"));
    await save(page);
    await heading(page, `${t("client.title")} ${theirs!.uic}`);

    // Back online: the server refuses the code; the contact waits with it.
    await goHome(page);
    await context.setOffline(false);
    await page.waitForFunction(() => navigator.onLine, undefined, wait);
    await page.getByRole("button", { name: t("sync.now"), exact: true }).click();
    await page.locator(".problems-link").waitFor(wait);
    expect(await page.locator(".problems-link").innerText()).toContain(tn("problems.count", 1));
    await page.locator(".problems-link").click();
    await heading(page, t("problems.title"));
    const card = page.locator(".problem");
    await expect.poll(() => card.count()).toBe(1);
    await card.getByText(t("problems.help.uic_taken")).waitFor();
    await card.getByText(`${t("type.contact")}: ${theirs!.uic}`, { exact: false }).waitFor();
    await page.screenshot({
      path: path.join(screenshots, "app-problem-uic-taken.png"),
      fullPage: true,
    });

    // The fix: the parents' names asked again, in the registration's builder.
    await card.getByRole("link", { name: t("problems.fix_code"), exact: true }).click();
    await heading(page, t("problems.fix_title"));
    await page.getByText(t("problems.ask_names_again")).waitFor();
    const fixed = freshParts(clients, same.sex);
    await field(page, t("client.mother_name")).fill(fixed.mother);
    await field(page, t("client.father_name")).fill(fixed.father);
    await field(page, t("client.birth_year")).fill(String(fixed.birthYear));
    await expect.poll(() => page.locator(".uic-preview strong").textContent()).toBe(fixed.uic);
    await page.getByText(tn("problems.fix_takes_along", 1)).waitFor();
    await page.screenshot({
      path: path.join(screenshots, "app-problem-fix-uic.png"),
      fullPage: true,
    });
    await save(page, t("problems.send_again"));
    // Back on the list, which the client and its contact have left, then home once sent.
    await page.getByText(t("problems.none")).waitFor(wait);
    await goHome(page);
    await waitUntilSynced(page);
    await expect.poll(() => page.locator(".problems-link").count(), wait).toBe(0);
    const after = await apiSession(e2e.server.url, admin);
    const pulled = await after.pullAll();
    await after.logout();
    expect(
      pulled.find((c) => c.type === "client" && c.record.id === clientId)?.record,
    ).toMatchObject({
      uic: fixed.uic,
      population_group: "pwud",
    });
    expect(
      pulled.filter((c) => c.type === "contact" && c.record.client_id === clientId),
    ).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("a training refused for its date is shown with its participants by name and fixed in its own form", {
    timeout: 300_000,
  }, async () => {
    // The phone's clock runs three days ahead: the server takes no date after tomorrow.
    const { page, errors } = await phone(coordinator, async (context) => {
      await context.clock.install({ time: Date.now() + 3 * 86_400_000 });
      await context.clock.resume();
    });
    const lead = await apiSession(e2e.server.url, coordinator);
    const reference = await lead.get<{
      sites: { id: string; code: string }[];
      staff: { id: string; display_name: string; site_ids: string[] }[];
    }>("/api/reference");
    await lead.logout();
    const site = reference.sites.find((s) => s.code === "TG") ?? reference.sites[0]!;
    const people = reference.staff.filter((s) => s.site_ids.includes(site.id)).slice(0, 2);
    const title = `Cầm tay chỉ việc ${Date.now().toString(36)}`;

    await tile(page, t("home.training"));
    await heading(page, t("training.title"));
    await chip(page, t("training.kind"), t("kind.coaching"));
    await field(page, t("training.name")).fill(title);
    for (const member of people)
      await page.getByRole("checkbox", { name: member.display_name, exact: true }).check();
    await save(page);
    await page.locator(".problems-link").waitFor(wait);
    await page.locator(".problems-link").click();
    const card = page.locator(".problem");
    await expect.poll(() => card.count()).toBe(1);
    await card.getByText(title, { exact: false }).first().waitFor();
    for (const member of people)
      await card
        .getByText(`${t("type.training_participant")}: ${member.display_name} · ${title}`)
        .waitFor();
    await page.screenshot({
      path: path.join(screenshots, "app-problem-training.png"),
      fullPage: true,
    });

    await card.getByRole("link", { name: t("problems.fix_fields"), exact: true }).click();
    await heading(page, t("problems.fix_title"));
    await field(page, t("field.starts_on")).fill(today());
    await field(page, t("field.ends_on")).fill(today());
    await save(page, t("problems.send_again"));
    await page.getByText(t("problems.none")).waitFor(wait);
    await goHome(page);
    await waitUntilSynced(page);
    await expect.poll(() => page.locator(".problems-link").count(), wait).toBe(0);

    const api = await apiSession(e2e.server.url, admin);
    const pulled = await api.pullAll();
    await api.logout();
    const training = pulled.find((c) => c.type === "training" && c.record.title === title)?.record;
    expect(training).toMatchObject({ kind: "coaching", starts_on: today(), ends_on: today() });
    expect(
      pulled
        .filter((c) => c.type === "training_participant" && c.record.training_id === training?.id)
        .map((c) => c.record.staff_id)
        .sort(),
    ).toEqual(people.map((p) => p.id).sort());
    expect(errors).toEqual([]);
  });
});
