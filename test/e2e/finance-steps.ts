// What the finance screens' end-to-end tests share: the demo's finance officer, a donor's pledge
// on the public donate form, and reading, checking and photographing a finance screen.
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { formatVnd } from "../../app/src/finance/money.js";
import { axeViolations } from "./axe.js";
import { screenshots, wait } from "./staff-app-steps.js";

export const finance = { username: "finance", password: "tai-chinh-2011-demo" };
export const unrestricted = "Quỹ chung (không giới hạn mục đích)";

/** A pledge made on the public donate form, as a donor's browser posts it; its reference. */
export async function pledge(url: string, amount: number): Promise<string> {
  const response = await fetch(`${url}/vi/ung-ho`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ amount: String(amount), method: "vietqr" }).toString(),
    redirect: "manual",
  });
  expect(response.status).toBe(303);
  const page = await (await fetch(`${url}${response.headers.get("location")}`)).text();
  const reference = /Khoản ủng hộ ([A-Z0-9]{6,12})/.exec(page)?.[1];
  expect(reference).toBeTruthy();
  return reference!;
}

export async function noViolations(page: Page, name: string) {
  expect(await axeViolations(page), name).toEqual([]);
}

export async function shoot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

export const money = (amount: number) => formatVnd(amount).replace(/\s/g, " ");
/** An element's text with the no-break space of "150.000 ₫" as a plain one. */
export const textOf = async (locator: Locator) =>
  ((await locator.textContent()) ?? "").replace(/\s/g, " ");

/** What a fund holds on the balances screen, as written there. */
export async function holds(page: Page, fund: string): Promise<string> {
  const cell = page.locator("tr", { has: page.locator(`th:text-is("${fund}")`) }).locator("td");
  await cell.waitFor(wait);
  return textOf(cell);
}
