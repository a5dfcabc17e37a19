// Every type of public page, in both languages, at a phone's width (360 px) and a desktop's
// (1280 px), checked in Chromium by axe-core against WCAG 2.2 A and AA and axe's best practices
// (landmarks, heading order, contrast, language, names of links and tables): home, project,
// sponsors, the news list and a filtered one, a news post, the activities and an activity, a
// content page, search with and without results, and the page for a missing address. The items
// are the ones the lists link to. Screenshots of each (Vietnamese; English too for the home and
// project pages) go to docs/screenshots/site-*.png. Then a visitor goes through the site by
// keyboard alone, the focus always visible. One server and one browser for it all.
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/lib/i18n.js";
import { pagePath } from "../../src/site/paths.js";
import { axeViolations } from "./axe.js";
import { browserMissing, useServerAndBrowser } from "./harness.js";

const screenshots = path.resolve(import.meta.dirname, "../../docs/screenshots");
const widths = [360, 1280];
const project = "dien-bien";

/** A page type: its address in a language, known or read from a list's links. */
interface PageType {
  name: string;
  path(page: Page, locale: Locale): Promise<string>;
  /** Screenshots in English as well as in Vietnamese. */
  english?: boolean;
}

const at =
  (paths: Record<Locale, string>) =>
  async (_page: Page, locale: Locale): Promise<string> =>
    paths[locale];

/** The first link in the main content of `list` whose path matches `pattern`. */
const linkedFrom =
  (list: (locale: Locale) => string, pattern: (locale: Locale) => RegExp) =>
  async (page: Page, locale: Locale): Promise<string> => {
    await page.goto(new URL(list(locale), page.url()).href);
    const hrefs = await page
      .locator("main a[href]")
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href)))
      .then((urls) => urls.map((url) => `${url.pathname}${url.search}`));
    const found = hrefs.find((href) => pattern(locale).test(decodeURI(href)));
    if (!found) throw new Error(`no link matching ${pattern(locale)} on ${list(locale)}`);
    return found;
  };

const news = { vi: "tin-tuc", en: "news" };
const activities = { vi: "hoat-dong", en: "activities" };

const pageTypes: PageType[] = [
  { name: "home", path: at({ vi: "/vi/", en: "/en/" }), english: true },
  {
    name: "project",
    path: linkedFrom(
      (locale) => pagePath({ kind: "home" }, locale),
      (locale) => new RegExp(`^/${locale}/(du-an|projects)/[^/]+$`),
    ),
    english: true,
  },
  {
    name: "sponsors",
    path: at({
      vi: pagePath({ kind: "sponsors" }, "vi"),
      en: pagePath({ kind: "sponsors" }, "en"),
    }),
  },
  {
    name: "news-list",
    path: at({ vi: pagePath({ kind: "news" }, "vi"), en: pagePath({ kind: "news" }, "en") }),
  },
  {
    // The demo has too few posts for a second page; the list of one project's news instead.
    name: "news-project",
    path: at({
      vi: pagePath({ kind: "news", project }, "vi"),
      en: pagePath({ kind: "news", project }, "en"),
    }),
  },
  {
    name: "news-post",
    path: linkedFrom(
      (locale) => pagePath({ kind: "news" }, locale),
      (locale) => new RegExp(`^/${locale}/${news[locale]}/[^/?]+$`),
    ),
  },
  {
    name: "activities",
    path: at({
      vi: pagePath({ kind: "activities" }, "vi"),
      en: pagePath({ kind: "activities" }, "en"),
    }),
  },
  {
    name: "activity",
    path: linkedFrom(
      (locale) => pagePath({ kind: "activities" }, locale),
      (locale) => new RegExp(`^/${locale}/${activities[locale]}/[^/?]+$`),
    ),
  },
  {
    // The demo's About page (src/demo/content.ts), linked from no list.
    name: "page-about",
    path: at({
      vi: pagePath({ kind: "content_page", slug: { vi: "gioi-thieu", en: "about" } }, "vi"),
      en: pagePath({ kind: "content_page", slug: { vi: "gioi-thieu", en: "about" } }, "en"),
    }),
  },
  {
    name: "search",
    path: at({
      vi: pagePath({ kind: "search", q: "dien bien" }, "vi"),
      en: pagePath({ kind: "search", q: "dien bien" }, "en"),
    }),
  },
  {
    name: "search-none",
    path: at({
      vi: pagePath({ kind: "search", q: "khongtimthayzzz" }, "vi"),
      en: pagePath({ kind: "search", q: "nothingfoundzzz" }, "en"),
    }),
  },
  { name: "not-found", path: at({ vi: "/vi/khong-co-trang", en: "/en/no-such-page" }) },
];

describe.skipIf(browserMissing)("accessibility of the public pages", () => {
  const e2e = useServerAndBrowser();

  it.each(pageTypes)(
    "$name has no WCAG 2.2 AA violations in either language at 360 and 1280 px",
    { timeout: 120_000 },
    async (type) => {
      const page = await e2e.browser.newPage({ viewport: { width: 360, height: 800 } });
      await page.goto(`${e2e.server.url}/healthz`);
      const found: string[] = [];
      for (const locale of ["vi", "en"] as const) {
        const address = await type.path(page, locale);
        for (const width of widths) {
          await page.setViewportSize({ width, height: 800 });
          const response = await page.goto(`${e2e.server.url}${address}`);
          expect(response?.status()).toBe(type.name === "not-found" ? 404 : 200);
          for (const violation of await axeViolations(page))
            found.push(`${address} at ${width} px: ${violation}`);
          // Nothing wider than the window: no sideways scrolling on a phone.
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          if (overflow > 0) found.push(`${address} at ${width} px: ${overflow} px too wide`);
          if (locale === "vi" || type.english) {
            const suffix = locale === "vi" ? "" : "-en";
            await page.screenshot({
              path: path.join(screenshots, `site-${type.name}${suffix}-${width}.png`),
              fullPage: true,
            });
          }
        }
      }
      expect(found).toEqual([]);
      await page.close();
    },
  );

  it("can be used by keyboard alone, the focus always in sight", { timeout: 120_000 }, async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 360, height: 800 } });
    const unseen: string[] = [];
    /** Tab until the focused element matches `selector`; each focus on the way must show. */
    const tabTo = async (selector: string) => {
      for (let presses = 0; presses < 80; presses++) {
        await page.keyboard.press("Tab");
        const focus = await page.evaluate((wanted) => {
          const element = document.activeElement;
          if (!element || element === document.body) return { matches: false, shown: true };
          const style = getComputedStyle(element);
          const outlined =
            style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
          return {
            matches: element.matches(wanted),
            shown: element.matches(":focus-visible") && (outlined || style.boxShadow !== "none"),
            what: `${element.tagName.toLowerCase()}.${element.className} ${element.textContent?.trim().slice(0, 30)}`,
          };
        }, selector);
        if (!focus.shown) unseen.push(`${page.url()}: ${focus.what}`);
        if (focus.matches) return;
      }
      throw new Error(`${selector} never had the focus on ${page.url()}`);
    };
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return element ? `${element.tagName.toLowerCase()}#${element.id}` : "";
      });

    await page.goto(`${e2e.server.url}/vi/`);
    // The skip link comes first, and leads into the main content.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
    expect(
      await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle),
    ).not.toBe("none");
    // In view when focused (it hides above the page otherwise).
    expect(
      await page.evaluate(() => (document.activeElement as Element).getBoundingClientRect().top),
    ).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Enter");
    expect(page.url()).toMatch(/#main$/);
    expect(await focused()).toBe("main#main");
    // The next Tab is in the main content, not back in the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);

    // The language switch, to the English home page.
    await page.goto(`${e2e.server.url}/vi/`);
    await tabTo(".language-switch");
    await page.keyboard.press("Enter");
    await page.waitForURL("**/en/");
    expect(await page.getAttribute("html", "lang")).toBe("en");

    // The news, from the main navigation, then the first post.
    await tabTo(`.site-nav a[href="/en/news"]`);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/en/news");
    await tabTo(`main a[href^="/en/news/"]`);
    const post = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href);
    await page.keyboard.press("Enter");
    await page.waitForURL(post);
    expect(await page.locator("main h1").count()).toBe(1);

    // The search form in the header: type, Enter, and the results are there.
    await tabTo("#site-search-q");
    await page.keyboard.type("Dien Bien");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/en\/search\?q=Dien\+Bien/);
    expect(await page.locator(".search-result").count()).toBeGreaterThan(0);
    await tabTo(".search-result a");

    expect(unseen).toEqual([]);
    await page.close();
  });
});
