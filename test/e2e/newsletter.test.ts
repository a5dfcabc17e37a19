// The newsletter in Chromium (its pages carry no script): a visitor signs up with the form in a
// page's footer, reads the confirmation message (the server has no SMTP here, so it is an .eml
// file in DATA_DIR/outbox/), opens its link, changes their preferences and unsubscribes — each
// page checked by axe-core (WCAG 2.2 A and AA, best practices), at a phone's width and a
// desktop's. Screenshots go to docs/screenshots/newsletter-*.png.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations } from "./axe.js";
import { browserMissing, useServerAndBrowser } from "./harness.js";

const screenshots = path.resolve(import.meta.dirname, "../../docs/screenshots");

async function waitForMail(outbox: string, count: number): Promise<string[]> {
  for (let i = 0; i < 300; i++) {
    if (existsSync(outbox)) {
      const files = readdirSync(outbox).filter((f) => f.endsWith(".eml"));
      if (files.length >= count) return files.map((f) => path.join(outbox, f));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${count} messages in ${outbox}`);
}

async function check(page: Page, name: string) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await axeViolations(page), `${name} at ${width}px`).toEqual([]);
  }
  await page.screenshot({ path: path.join(screenshots, `newsletter-${name}.png`), fullPage: true });
}

describe.skipIf(browserMissing)("the newsletter in a browser", () => {
  const e2e = useServerAndBrowser();

  it("signs up from the footer, confirms, changes preferences and unsubscribes", {
    timeout: 180_000,
  }, async () => {
    // The pages have no script of their own; axe, evaluated in the page, needs JavaScript on.
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    const { url, dataDir } = e2e.server;
    await page.goto(`${url}/vi/`);
    const footer = page.locator(".site-footer");
    await footer.getByLabel("Địa chỉ e-mail").fill("lan.nguyen@example.org");
    await footer.getByLabel("Ngôn ngữ của thư").selectOption("vi");
    await footer.getByRole("button", { name: "ĐĂNG KÝ" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Hãy kiểm tra hộp thư của bạn");
    await check(page, "check-mail");

    const [file] = await waitForMail(path.join(dataDir, "outbox"), 1);
    const mail = await simpleParser(readFileSync(file!));
    expect(mail.subject).toContain("Xác nhận đăng ký bản tin");
    const link = mail.text!.match(/https?:\/\/\S+\/vi\/ban-tin\/xac-nhan\?t=\S+/)![0];
    const confirmUrl = new URL(link);
    await page.goto(`${url}${confirmUrl.pathname}${confirmUrl.search}`);
    expect(await page.locator("h1").textContent()).toBe("Bạn đã đăng ký nhận bản tin");
    await check(page, "confirmed");

    await page.getByRole("link", { name: "Tùy chọn bản tin" }).click();
    expect(await page.locator("h1").textContent()).toBe("Tùy chọn bản tin");
    await check(page, "preferences");
    await page.getByLabel("Tiếng Anh").check();
    await page.getByRole("button", { name: "Lưu tùy chọn" }).click();
    expect(await page.getByRole("status").textContent()).toBe("Your preferences are saved.");
    await check(page, "preferences-saved");

    await page.getByRole("button", { name: "Unsubscribe" }).click();
    expect(await page.getByRole("status").textContent()).toContain("You are unsubscribed");
    await check(page, "unsubscribed");

    await page.goto(`${url}/en/newsletter`);
    await check(page, "sign-up");
    await context.close();
  });
});
