// The finance officer's allocations, expenses, reversals and gifts, end to end: the built staff app
// served by the real server (demo loaded), in a real Chromium at phone size. Two donors' gifts
// reach the unrestricted fund through an imported statement; the officer allocates part of it to a
// project (an amount above what the fund holds is refused beside the field; a save whose answer is
// lost, saved again, posts once), records an expense of the project, reverses the expense from the
// keyboard behind its confirmation, sees it marked reversed and the balances follow, then finds a
// donor's gift by the code they wrote and downloads its receipt (a PDF). axe-core finds no WCAG 2.2
// AA violation on any of these screens. Screenshots at 360 px go to docs/screenshots/finance-*.png.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { formatVnd } from "../../app/src/finance/money.js";
import { t } from "../../app/src/i18n/i18n.js";
import { today } from "../../app/src/lib/dates.js";
import {
  finance,
  holds,
  money,
  noViolations,
  pledge,
  shoot,
  textOf,
  unrestricted,
} from "./finance-steps.js";
import { browserMissing, ensureStaffAppBuilt, useServerAndBrowser } from "./harness.js";
import { apiSession, signIn, wait } from "./staff-app-steps.js";

/** The bank's statement with one line per gift, each naming its pledge, imported over HTTP. */
async function importGifts(url: string, gifts: { reference: string; amount: number }[]) {
  const { cookie, csrfToken: csrf_token } = await apiSession(url, finance);
  const [year, month, day] = today().split("-");
  const header = readFileSync(
    path.resolve(import.meta.dirname, "../data/vietcombank-statement.csv"),
    "utf8",
  )
    .split("\n")
    .slice(0, 3);
  const lines = gifts.map(
    (gift, index) =>
      `${index + 1},${day}/${month}/${year},MBVCB.55${index},,"${gift.amount.toLocaleString("vi-VN")}","1.000.000","CHUYEN ${gift.reference}"`,
  );
  const answer = await fetch(`${url}/api/finance/statements?format=vietcombank`, {
    method: "POST",
    headers: { cookie, "x-csrf-token": csrf_token, "content-type": "text/csv" },
    body: [...header, ...lines, ""].join("\n"),
  });
  expect(answer.status).toBe(200);
  expect(((await answer.json()) as { summary: { matched: number } }).summary.matched).toBe(
    gifts.length,
  );
}

async function open(page: Page, nav: Parameters<typeof t>[0], title: Parameters<typeof t>[0]) {
  await page.getByRole("link", { name: t(nav), exact: true }).click();
  await page.getByRole("heading", { level: 1, name: t(title) }).waitFor(wait);
}

describe.skipIf(browserMissing)("the finance officer's postings and gifts", () => {
  const e2e = useServerAndBrowser(ensureStaffAppBuilt);
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
  });

  it("allocates, records an expense, reverses it, and finds a gift's receipt", {
    timeout: 300_000,
  }, async () => {
    const url = e2e.server.url;
    const a = await pledge(url, 400_000);
    const b = await pledge(url, 150_000);
    await importGifts(url, [
      { reference: a, amount: 400_000 },
      { reference: b, amount: 150_000 },
    ]);

    const context = await e2e.browser.newContext({
      viewport: { width: 360, height: 800 },
      acceptDownloads: true,
    });
    contexts.push(context);
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await page.goto(`${url}/app/`);
    await signIn(page, finance);
    await page.getByRole("link", { name: t("finance.nav.balances"), exact: true }).waitFor(wait);
    await open(page, "finance.nav.balances", "finance.balances_title");
    expect(await holds(page, unrestricted)).toBe(money(550_000));

    // Allocation: what the form checks itself, then what only the server knows (the fund holds
    // less than asked), said beside the amount.
    await open(page, "finance.nav.allocations", "finance.allocation.title");
    const project = page.getByLabel(t("finance.project"), { exact: true });
    const amount = page.getByLabel(t("finance.posting.amount"), { exact: true });
    const memo = page.getByLabel(t("finance.posting.memo"), { exact: true });
    const saveAllocation = page.getByRole("button", {
      name: t("finance.allocation.submit"),
      exact: true,
    });
    await saveAllocation.click();
    await page.getByText(t("finance.posting.project_required")).waitFor(wait);
    await page.getByText(t("finance.posting.memo_required")).waitFor(wait);
    await amount.fill("1.5");
    await saveAllocation.click();
    await page.getByText(t("finance.posting.amount_invalid")).waitFor(wait);
    const projectName = (await project.locator("option").nth(1).textContent()) ?? "";
    await project.selectOption({ index: 1 });
    await amount.fill("900.000");
    await memo.fill("Hoạt động quý IV");
    await saveAllocation.click();
    await expect.poll(() => amount.getAttribute("aria-invalid"), wait).toBe("true");
    expect(await textOf(page.locator(".field--error"))).toMatch(/không đủ/);
    await noViolations(page, "allocation refused");

    // The answer of the first save is lost on the way back; saved again, it posts once.
    let lose = true;
    await page.route("**/api/finance/allocations", async (route) => {
      if (route.request().method() === "POST" && lose) {
        lose = false;
        await route.fetch();
        await route.abort("connectionreset");
      } else await route.continue();
    });
    await amount.fill("300.000");
    await saveAllocation.click();
    await page.getByText(t("finance.no_network")).waitFor(wait);
    await saveAllocation.click();
    const allocated = t("finance.allocation.what", {
      amount: formatVnd(300_000),
      project: projectName,
      date: "",
    });
    await page.getByText(t("finance.allocation.saved", { what: "" }).slice(0, 8)).waitFor(wait);
    await page.unroute("**/api/finance/allocations");
    await page.reload();
    await page
      .getByRole("heading", { level: 1, name: t("finance.allocation.title") })
      .waitFor(wait);
    const items = page.locator(".finance-item");
    await items.first().waitFor(wait);
    expect(await items.count()).toBe(1);
    expect(await textOf(items.first())).toContain("Hoạt động quý IV");
    expect(await textOf(items.first())).toContain(money(300_000));
    expect(allocated).toContain(projectName);
    await noViolations(page, "allocations");
    await shoot(page, "finance-allocations");

    // An expense of the project, then its reversal from the keyboard.
    await open(page, "finance.nav.expenses", "finance.expense.title");
    await project.selectOption({ label: projectName });
    await amount.fill("100000");
    await memo.fill("Phụ cấp nhân viên tiếp cận tháng 11");
    await page.getByRole("button", { name: t("finance.expense.submit"), exact: true }).click();
    const expense = page.locator(".finance-item", { hasText: "Phụ cấp nhân viên" });
    await expense.waitFor(wait);
    expect(await textOf(expense)).toContain(money(100_000));
    await expense.getByRole("button", { name: /^Đảo bút toán/ }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: t("finance.reversal.title") });
    await dialog.waitFor(wait);
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden", ...wait });
    await expense.getByRole("button", { name: /^Đảo bút toán/ }).focus();
    await page.keyboard.press("Enter");
    await dialog.waitFor(wait);
    // Closed and pressed again at once, before the close has been drawn (a quick keyboard, a slow
    // phone): the dialog opens again, and the late close of the first one leaves the new one open.
    const reverseButton = await expense
      .getByRole("button", { name: /^Đảo bút toán/ })
      .elementHandle();
    await page.evaluate((button) => {
      document.querySelector<HTMLDialogElement>("dialog.finance-dialog")?.close();
      (button as HTMLButtonElement | null)?.click();
    }, reverseButton);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    await dialog.waitFor(wait);
    expect(await dialog.evaluate((el) => (el as HTMLDialogElement).open)).toBe(true);
    const reason = dialog.getByLabel(t("finance.reversal.memo"), { exact: true });
    await dialog.getByRole("button", { name: t("finance.reversal.confirm"), exact: true }).click();
    await dialog.getByText(t("finance.reversal.memo_required")).waitFor(wait);
    await reason.fill("Ghi nhầm dự án");
    await noViolations(page, "reversal dialog");
    await shoot(page, "finance-reversal");
    await reason.press("Enter");
    await dialog.waitFor({ state: "hidden", ...wait });
    await page.getByText(/^Đã đảo: Chi/).waitFor(wait);
    const reversed = page.locator(".finance-item", {
      hasText: "Phụ cấp nhân viên",
      hasNotText: "Ghi nhầm dự án",
    });
    await expect.poll(() => textOf(reversed), wait).toContain(t("finance.posting.state.reversed"));
    await page.locator(".finance-item", { hasText: "Ghi nhầm dự án" }).waitFor(wait);
    expect(await textOf(page.locator(".finance-item", { hasText: "Ghi nhầm dự án" }))).toContain(
      t("finance.posting.state.reversal"),
    );
    expect(await textOf(page.locator(".finance-item", { hasText: "Ghi nhầm dự án" }))).toContain(
      t("finance.posting.reverses", { memo: "Phụ cấp nhân viên tiếp cận tháng 11" }),
    );
    expect(await page.getByRole("button", { name: /^Đảo bút toán/ }).count()).toBe(0);
    await noViolations(page, "expenses");
    await shoot(page, "finance-expenses");

    // The balances follow: the allocation left the unrestricted fund; the expense, reversed, left
    // the project's fund whole.
    await open(page, "finance.nav.balances", "finance.balances_title");
    expect(await holds(page, unrestricted)).toBe(money(250_000));
    expect(await holds(page, `Quỹ dự án ${projectName}`)).toBe(money(300_000));

    // A donor asks for the receipt of their gift: found by the code they wrote.
    await open(page, "finance.nav.gifts", "finance.gifts_title");
    await page
      .getByRole("heading", { level: 2, name: t("finance.gift.count.other", { count: 2 }) })
      .waitFor(wait);
    await page.getByLabel(t("finance.gift.search"), { exact: true }).fill(b.toLowerCase());
    await page
      .getByRole("heading", { level: 2, name: t("finance.gift.count.one", { count: 1 }) })
      .waitFor(wait);
    const gift = page.locator(".finance-item");
    expect(await gift.count()).toBe(1);
    expect(await textOf(gift)).toContain(money(150_000));
    expect(await textOf(gift)).toContain(b);
    await noViolations(page, "gifts");
    await shoot(page, "finance-gifts");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      gift.getByRole("link", { name: /^Tải biên nhận/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bien-nhan-\d+-\d{4}\.pdf$/);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    expect(pageErrors).toEqual([]);
  });
});
