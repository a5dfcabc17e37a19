// A gift end to end, in Chromium against the real server (SePay's key and a real SMTP server in
// its environment): a donor reading in Vietnamese opens the donate page from the project page,
// chooses an amount, gives a name and an e-mail, and sees the VietQR page; SePay's notification
// arrives (sent over HTTP as SePay sends it, by our signing client); the page says the gift
// arrived without being reloaded; the receipt e-mail arrives, in Vietnamese; and the project
// page's money figures and donor wall include it. axe finds nothing on the donate and status
// pages, at a phone's width and a desktop's.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSepay, sepayTransfer } from "../../src/test-support/gateway-client.js";
import { startSmtpServer, type TestSmtpServer } from "../../src/test-support/smtp.js";
import { axeViolations } from "./axe.js";
import { browserMissing, textOnScreen, useServerAndBrowser } from "./harness.js";

const sepayKey = "sepay-e2e-key-0123456789abcdef";
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});

/** Now in Việt Nam, as SePay writes it: "YYYY-MM-DD HH:mm:ss". */
const vietnamNow = () =>
  new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");

async function noViolations(page: Page, name: string) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await axeViolations(page), `${name} at ${width}px`).toEqual([]);
  }
}

describe.skipIf(browserMissing)("a gift in a browser", () => {
  const e2e = useServerAndBrowser(
    async () => {},
    () => ({
      SEPAY_API_KEY: sepayKey,
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      SMTP_SECURE: "false",
      MAIL_FROM: "Peerlink <ung-ho@peerlink.example>",
    }),
  );

  /** A gift given without the browser (the form posted, SePay's notice sent): five others. */
  async function giveByForm(amount: number) {
    const { url } = e2e.server;
    const posted = await fetch(`${url}/vi/ung-ho`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ purpose: "dien-bien", preset: String(amount) }),
      redirect: "manual",
    });
    expect(posted.status).toBe(303);
    const page = await (await fetch(`${url}${posted.headers.get("location")}`)).text();
    const reference = /UH[A-Z0-9]{7}/.exec(page)![0];
    const answer = await postSepay(
      url,
      sepayKey,
      sepayTransfer({
        content: `UNG HO ${reference}`,
        transferAmount: amount,
        transactionDate: vietnamNow(),
      }),
    );
    expect(answer.status).toBe(200);
  }

  it("takes a gift from the donate page to the receipt and the project's figures", {
    timeout: 240_000,
  }, async () => {
    const { url } = e2e.server;
    for (let i = 0; i < 5; i += 1) await giveByForm(100_000);

    const context = await e2e.browser.newContext({ locale: "vi-VN" });
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 900 });
    await page.goto(`${url}/vi/du-an/dien-bien`);
    await page.getByRole("link", { name: "Ủng hộ dự án này" }).click();
    expect(new URL(page.url()).pathname).toBe("/vi/ung-ho");
    await expect.poll(() => page.locator("h1").textContent()).toMatch(/^Ủng hộ dự án /);
    await noViolations(page, "the donate page");

    await page.getByLabel("500.000 ₫").check();
    await page.getByLabel("Họ tên (không bắt buộc)").fill("Phạm Thị Thu Hà");
    await page.getByLabel("E-mail để nhận biên nhận (không bắt buộc)").fill("thu.ha@example.org");
    await page.getByLabel("Ghi tên tôi trên danh sách người ủng hộ").check();
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await page.waitForURL(/\/vi\/ung-ho\/[0-9a-f-]{36}$/);
    await expect(page.locator("figure.donate-qr svg")).toBeTruthy();
    expect(await page.locator("figure.donate-qr svg").count()).toBe(1);
    expect(await page.locator("[data-status]").getAttribute("data-status")).toBe("waiting");
    await noViolations(page, "the status page, waiting");
    const reference = /UH[A-Z0-9]{7}/.exec(await page.locator("dl").innerText())![0];

    // A mark in the page's own window: a reload would wipe it.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const answer = await postSepay(
      url,
      sepayKey,
      sepayTransfer({
        content: `${reference} ung ho`,
        transferAmount: 500_000,
        transactionDate: vietnamNow(),
      }),
    );
    expect(answer.status).toBe(200);
    await expect
      .poll(() => page.locator("[data-status]").getAttribute("data-status"), { timeout: 20_000 })
      .toBe("received");
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
    expect(await page.locator("#pledge-status").innerText()).toMatch(
      /Đã nhận 500\.000\s₫\. Cảm ơn bạn!/,
    );
    await noViolations(page, "the status page, received");

    const [mail] = (await smtp.waitFor(1, 30_000)).filter((m) =>
      m.to.includes("thu.ha@example.org"),
    );
    expect(mail).toBeDefined();
    expect(mail!.parsed.subject).toMatch(/^Biên nhận ủng hộ số \d+\/\d{4}/);
    expect(mail!.parsed.text).toContain("Kính gửi Phạm Thị Thu Hà,");
    expect(mail!.parsed.text).toContain("Chúng tôi đã nhận khoản ủng hộ 500.000");

    // Six gifts this month, 1,000,000 đồng: published, with the donor's name and no amount of hers.
    await page.goto(`${url}/vi/du-an/dien-bien`);
    const funds = page.locator("#funds");
    const total = await textOnScreen(funds.locator("tfoot tr"));
    expect(total.replace(/\s+/g, " ")).toContain("Tổng cộng 6 1.000.000 0 1.000.000");
    expect(await textOnScreen(funds.locator(".donors__list"))).toBe("Phạm Thị Thu Hà");
    await context.close();
  });
});
