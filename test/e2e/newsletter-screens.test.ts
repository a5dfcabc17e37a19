// The newsletter's staff screens end to end: the built staff app served by the real server (demo
// loaded), sending to a real SMTP server in this process, in a real Chromium at 360 px. Two people
// subscribe (one in Vietnamese, one in English) and confirm from the mail they receive. The editor
// composes an issue in Vietnamese and English including a published news post, meets a refusal of
// the server beside its field, previews the issue in HTML (a sandboxed frame) and plain text,
// sends a test that arrives, sends the issue after a confirmation that gives the numbers per
// language, and watches the progress reach "sent"; each subscriber has received it in their
// language. axe-core finds no WCAG 2.2 AA violation on the list, compose, preview and progress
// screens; screenshots at 360 px go to docs/screenshots/newsletter-staff-*.png.
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "../../src/test-support/smtp.js";
import { axeViolations } from "./axe.js";
import { browserMissing, ensureStaffAppBuilt, usePhones, useServerAndBrowser } from "./harness.js";
import { editor, screenshots, signIn, wait } from "./staff-app-steps.js";

let smtp: TestSmtpServer | undefined;

async function checkAndShoot(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 800 });
  // The preview's frame is sandboxed and runs no script: axe checks the screen around it.
  expect(await axeViolations(page, { iframes: false }), name).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: path.join(screenshots, `newsletter-staff-${name}.png`),
    fullPage: true,
  });
}

/** A visitor subscribes with the public form and opens the link of the mail that arrives. */
async function subscribe(url: string, address: string, locale: "vi" | "en") {
  const form = locale === "vi" ? "/vi/ban-tin" : "/en/newsletter";
  const before = smtp!.received.length;
  const answer = await fetch(`${url}${form}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url },
    body: new URLSearchParams({ address, locale }).toString(),
  });
  expect(answer.status).toBe(200);
  const [mail] = (await smtp!.waitFor(before + 1)).slice(before);
  expect(mail!.to).toEqual([address]);
  const link = mail!.parsed.text!.match(/https?:\/\/\S+\?t=\S+/)![0];
  const confirmUrl = new URL(link);
  const confirmed = await fetch(`${url}${confirmUrl.pathname}${confirmUrl.search}`);
  expect(confirmed.status).toBe(200);
}

describe.skipIf(browserMissing)("the newsletter's staff screens", () => {
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const e2e = useServerAndBrowser(ensureStaffAppBuilt, () => ({
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtp!.port),
    SMTP_SECURE: "false",
    MAIL_FROM: "SCDI <ban-tin@scdi.example.org>",
  }));
  const openPhone = usePhones(e2e);

  it("composes, previews, tests and sends an issue, and shows its progress to the end", {
    timeout: 300_000,
  }, async () => {
    const url = e2e.server.url;
    await subscribe(url, "lan.nguyen@example.org", "vi");
    await subscribe(url, "jane.doe@example.org", "en");

    const { context, page, pageErrors } = await openPhone();
    // Nothing refused by a Content-Security-Policy: the app's, or the preview's own in its frame.
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
    });

    await page.goto(`${url}/app/`);
    await signIn(page, editor);
    const tile = page.getByRole("link", { name: "Bản tin e-mail", exact: true });
    await tile.waitFor(wait);
    await tile.click();
    await page.getByRole("heading", { level: 1, name: "Bản tin e-mail" }).waitFor(wait);
    await page.locator(".content__count").waitFor(wait);
    await checkAndShoot(page, "list");

    await page.getByRole("link", { name: "Soạn bản tin mới" }).click();
    await page.getByRole("heading", { level: 1, name: "Bản tin mới" }).waitFor(wait);
    await page
      .getByLabel("Tiêu đề thư (tiếng Việt)")
      .fill("Bản tin tháng Mười Hai: tiếp cận cộng đồng");
    await page
      .getByLabel("Lời mở đầu (tiếng Việt)")
      .fill("Chào bạn,\n\nTháng này các tiếp cận viên đã gặp hơn 300 người ở Điện Biên.");
    await page
      .getByLabel("Tiêu đề thư (tiếng Anh)")
      .fill("December newsletter: reaching communities");
    await page
      .getByLabel("Lời mở đầu (tiếng Anh)")
      .fill("Hello,\n\nThis month our outreach workers met more than 300 people in Điện Biên.");
    const post = page.locator("fieldset .list__item").first();
    await post.waitFor(wait);
    const postTitle = (await post.textContent())!.trim();
    expect(postTitle.length).toBeGreaterThan(0);
    // From the keyboard: Space ticks the post, Enter in a field saves the draft.
    await post.getByRole("checkbox").focus();
    await page.keyboard.press("Space");
    expect(await post.getByRole("checkbox").isChecked()).toBe(true);
    await page.getByLabel("Tiêu đề thư (tiếng Anh)").focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByRole("status").first().textContent(), wait)
      .toBe("Đã lưu bản nháp.");

    // A refusal of the server goes beside the field it names, in Vietnamese.
    await page.getByLabel("Địa chỉ e-mail của bạn").fill("bien tap");
    await page.getByRole("button", { name: "Gửi thư thử" }).click();
    const refused = page.getByRole("alert");
    await refused.waitFor(wait);
    expect(await refused.textContent()).toContain("Địa chỉ e-mail của bạn: Cần một địa chỉ e-mail");
    const hint = await page
      .getByLabel("Địa chỉ e-mail của bạn")
      .evaluate(
        (input) => document.getElementById(input.getAttribute("aria-describedby")!)?.textContent,
      );
    expect(hint).toBe("Cần một địa chỉ e-mail, ví dụ ten@example.org");
    await checkAndShoot(page, "compose");

    // The preview, as a recipient sees it.
    await page.getByRole("link", { name: "Xem trước" }).click();
    await page.getByRole("heading", { level: 1, name: "Xem trước bản tin" }).waitFor(wait);
    const frame = page.frameLocator("iframe.newsletter-preview__frame");
    await expect
      .poll(
        async () =>
          (await frame
            .locator("body")
            .textContent()
            .catch(() => "")) ?? "",
        wait,
      )
      .toContain("Tháng này các tiếp cận viên đã gặp hơn 300 người ở Điện Biên.");
    expect(await frame.locator("body").textContent()).toContain(postTitle);
    expect(await page.locator("iframe.newsletter-preview__frame").getAttribute("sandbox")).toBe("");
    expect(await page.locator("#newsletter-subject").textContent()).toContain(
      "Bản tin tháng Mười Hai: tiếp cận cộng đồng",
    );
    await checkAndShoot(page, "preview");
    await page.getByRole("link", { name: "Văn bản thường" }).click();
    await expect
      .poll(() => page.locator(".newsletter-preview__text").textContent(), wait)
      .toContain("Tháng này các tiếp cận viên đã gặp hơn 300 người ở Điện Biên.");
    await page.getByRole("link", { name: "Tiếng Anh" }).click();
    await expect
      .poll(() => page.locator(".newsletter-preview__text").textContent(), wait)
      .toContain("This month our outreach workers met more than 300 people");
    await checkAndShoot(page, "preview-text");

    // A test to oneself arrives at the SMTP server.
    await page.getByRole("link", { name: "Quay lại soạn bản tin" }).click();
    await page.getByRole("heading", { level: 1, name: "Soạn bản tin" }).waitFor(wait);
    const before = smtp!.received.length;
    await page.getByLabel("Địa chỉ e-mail của bạn").fill("bien.tap@scdi.example.org");
    await page.getByRole("button", { name: "Gửi thư thử" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent(), wait)
      .toContain("Đã gửi thư thử tới bien.tap@scdi.example.org");
    const [test] = (await smtp!.waitFor(before + 1)).slice(before);
    expect(test!.to).toEqual(["bien.tap@scdi.example.org"]);
    expect(test!.parsed.subject).toBe("[Thử] Bản tin tháng Mười Hai: tiếp cận cộng đồng");

    // Sending: the numbers per language first, then the confirmation.
    await page.getByRole("button", { name: "Gửi bản tin…" }).click();
    const confirm = page.locator(".newsletter-confirm");
    await confirm.waitFor(wait);
    expect(await confirm.textContent()).toContain(
      "Bản tin sẽ được gửi tới 2 người đăng ký: 1 người nhận bằng tiếng Việt, 1 người nhận bằng tiếng Anh.",
    );
    await checkAndShoot(page, "confirm");
    // The confirmation takes the focus; the next Tab is the button that sends.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Gửi bản tin này?");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      "Gửi ngay cho 2 người",
    );
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Tiến độ gửi bản tin" }).waitFor(wait);
    await expect
      .poll(() => page.locator(".newsletter-state").textContent(), wait)
      .toContain("Đã gửi xong");
    const numbers = await page.locator(".newsletter-numbers").textContent();
    expect(numbers).toContain("Đã gửi2");
    expect(numbers).toContain("Còn lại0");
    expect(numbers).toContain("Lỗi0");
    await checkAndShoot(page, "progress");

    // Each subscriber has it once, in their language, with the news post.
    const issues = smtp!.received.filter((mail) => !mail.parsed.subject?.startsWith("[Thử]"));
    const byRecipient = new Map(issues.map((mail) => [mail.to[0], mail.parsed]));
    expect(byRecipient.get("lan.nguyen@example.org")?.subject).toBe(
      "Bản tin tháng Mười Hai: tiếp cận cộng đồng",
    );
    expect(byRecipient.get("jane.doe@example.org")?.subject).toBe(
      "December newsletter: reaching communities",
    );
    expect(byRecipient.get("lan.nguyen@example.org")?.text).toContain(postTitle);
    const issueCopies = issues.filter(
      (mail) =>
        mail.parsed.subject?.includes("reaching") || mail.parsed.subject?.includes("tiếp cận"),
    );
    expect(issueCopies.map((mail) => mail.to[0]).sort()).toEqual([
      "jane.doe@example.org",
      "lan.nguyen@example.org",
    ]);

    // The list shows it sent.
    await page.getByRole("link", { name: "Tất cả bản tin" }).click();
    await page.locator(".content__count").waitFor(wait);
    expect(await page.locator(".list").textContent()).toContain("Đã gửi");
    await checkAndShoot(page, "list");
    expect(pageErrors).toEqual([]);
    expect(refusals).toEqual([]);
    await context.close();
  });
});
