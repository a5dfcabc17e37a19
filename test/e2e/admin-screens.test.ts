// The administrator's screens for sign-in throttles and the audit log, end to end: the built
// staff app served by the real server (demo loaded), in a real Chromium at phone size. A stranger
// fails to sign in as the outreach worker; the administrator sees the delay on "Failed sign-ins",
// lifts it (the worker gets in from a new device at once), then reads the lift in the audit log
// and filters the log. Screenshots go to docs/screenshots.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { t } from "../../app/src/i18n/i18n.js";
import { browserMissing, ensureStaffAppBuilt, usePhones, useServerAndBrowser } from "./harness.js";
import { admin, screenshots, signIn, wait, worker } from "./staff-app-steps.js";

const logIn = (url: string, account: { username: string; password: string }) =>
  fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(account),
  });

describe.skipIf(browserMissing)("failed sign-ins and the audit log, for an administrator", () => {
  const e2e = useServerAndBrowser(ensureStaffAppBuilt);
  const openPhone = usePhones(e2e);

  it("shows a delay, lifts it, and finds the lift in the log", { timeout: 180_000 }, async () => {
    const url = e2e.server.url;
    for (let i = 0; i < 5; i++) {
      await logIn(url, { username: worker.username, password: `a stranger's guess ${i}` });
    }
    expect((await logIn(url, worker)).status).toBe(429);

    const { page, pageErrors } = await openPhone();
    await page.goto(`${url}/app/`);
    await signIn(page, admin);
    await page.getByRole("link", { name: t("home.users"), exact: true }).click(wait);

    await page.getByRole("link", { name: t("users.locks"), exact: true }).click();
    await page.getByRole("heading", { level: 1, name: t("locks.title") }).waitFor(wait);
    const row = page.locator(".lock-row", { hasText: "(worker.tg)" });
    await row.waitFor(wait);
    await expect.poll(() => row.textContent()).toContain(t("locks.kind.account"));
    expect(await row.textContent()).toMatch(t("locks.waits_until", { time: "" }).trim());
    await page.screenshot({ path: path.join(screenshots, "app-users-locks.png"), fullPage: true });

    await row.getByRole("button", { name: new RegExp(t("locks.lift")) }).click();
    await page.getByText(t("locks.lifted")).waitFor(wait);
    await expect.poll(() => page.locator(".lock-row", { hasText: "(worker.tg)" }).count()).toBe(0);
    expect((await logIn(url, worker)).status).toBe(200);

    await page.evaluate(() => {
      location.hash = "#/";
    });
    await page.getByRole("link", { name: t("home.audit"), exact: true }).click(wait);
    await page.getByRole("heading", { level: 1, name: t("audit.title") }).waitFor(wait);
    const lifted = page.locator(".audit-entry", {
      hasText: t("audit.action.login_throttle.lifted"),
    });
    await lifted.first().waitFor(wait);
    expect(await lifted.first().textContent()).toContain("worker.tg");
    expect(await lifted.first().textContent()).toContain("(admin)");
    await page.screenshot({ path: path.join(screenshots, "app-audit-log.png"), fullPage: true });

    // The filters are folded away until used.
    await page.getByText(t("audit.filters"), { exact: true }).click();
    await page.getByLabel(t("audit.action"), { exact: true }).selectOption("login_throttle.lifted");
    await page.getByRole("button", { name: t("audit.apply"), exact: true }).click();
    await expect
      .poll(async () => {
        const actions = await page.locator(".audit-entry strong").allTextContents();
        return (
          actions.length > 0 && actions.every((a) => a === t("audit.action.login_throttle.lifted"))
        );
      }, wait)
      .toBe(true);
    await page.screenshot({
      path: path.join(screenshots, "app-audit-filtered.png"),
      fullPage: true,
    });
    await page.getByLabel(t("audit.actor"), { exact: true }).fill("worker.tg");
    await page.getByRole("button", { name: t("audit.apply"), exact: true }).click();
    await page.getByText(t("audit.none")).waitFor(wait);
    expect(pageErrors).toEqual([]);
  });
});
