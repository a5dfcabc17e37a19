// A visitor reads the seed project's page in Vietnamese, switches to English, and sees the same
// results — computed from the demo's records by a real server, rendered in a real Chromium.
import { describe, expect, it } from "vitest";
import { browserMissing, textOnScreen, useServerAndBrowser } from "./harness.js";

describe.skipIf(browserMissing)("the project page in a browser", () => {
  const e2e = useServerAndBrowser();

  it("shows the computed results in Vietnamese, then in English after the language switch", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.goto(`${e2e.server.url}/`);
    expect(new URL(page.url()).pathname).toBe("/vi/");
    await page.goto(`${e2e.server.url}/vi/du-an/dien-bien`);
    expect(await page.getAttribute("html", "lang")).toBe("vi");
    await expect(page.locator("h1").innerText()).resolves.toMatch(
      /Dự phòng HIV cho bạn tình chính của người sử dụng ma túy/,
    );

    const results = page.locator("#ket-qua, #results").first();
    const viText = await textOnScreen(results);
    for (const figure of [
      "462",
      "477",
      "241",
      "11",
      "254",
      "500",
      "19",
      "9/9",
      "9/19",
      "7/14",
      "180",
      "300",
      "270",
    ]) {
      expect(viText).toContain(figure);
    }
    expect(viText).toMatch(/tiếp cận/);

    // The page must not need a horizontal scroll on a 360 px phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    await page.locator('a[hreflang="en"]').first().click();
    await page.waitForURL("**/en/projects/dien-bien");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await expect(page.locator("h1").innerText()).resolves.toMatch(
      /HIV prevention for Primary Sexual Partners of People who use drugs/i,
    );
    const enText = await textOnScreen(page.locator("#ket-qua, #results").first());
    for (const figure of ["462", "477", "241", "254", "500", "19", "9/9", "9/19", "7/14"]) {
      expect(enText).toContain(figure);
    }
    expect(enText).toMatch(/reached/i);

    await page.locator('a[hreflang="vi"]').first().click();
    await page.waitForURL("**/vi/du-an/dien-bien");
    await page.close();
  });

  it("answers an unknown page with a 404 page in the visitor's language", async () => {
    const page = await e2e.browser.newPage();
    const vi = await page.goto(`${e2e.server.url}/vi/du-an/khong-co`);
    expect(vi?.status()).toBe(404);
    expect(await page.getAttribute("html", "lang")).toBe("vi");
    const en = await page.goto(`${e2e.server.url}/en/projects/nope`);
    expect(en?.status()).toBe(404);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.close();
  });
});
