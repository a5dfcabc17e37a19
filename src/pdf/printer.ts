// HTML printed to PDF by Debian's Chromium through playwright-core, for every feature that makes a
// PDF (the project report, donation receipts and statements): the document is set into a blank
// page — scripts off, every request refused, so nothing but the page itself is printed — and
// printed on A4.
//
// One browser per process, started on the first PDF and closed when none has been printed for a
// while (or at shutdown, closePdfBrowser), so an idle server keeps no Chromium in memory. Each PDF
// has a browser context of its own, closed as soon as it is printed.
import { existsSync } from "node:fs";
// Loaded with the first PDF: playwright-core is 28 MB of heap that an idle server does not need.
import type { Browser } from "playwright-core";
import { AppError } from "../lib/errors.js";

/** Where Chromium is: CHROMIUM_PATH, else Debian's. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/** Headless, and never reaching the network on its own (this network refuses it). */
export const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** How long an unused browser is kept for the next PDF. */
const idleCloseMs = 60_000;
/** Setting a self-contained page takes well under this; more means Chromium hangs. */
const printTimeoutMs = 60_000;

let browser: Promise<Browser> | undefined;
let printing = 0;
let idleTimer: NodeJS.Timeout | undefined;

function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    return Promise.reject(
      new AppError("feature_unavailable", {
        reason: "chromium_missing",
        detail: `no Chromium at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
      }),
    );
  }
  const launched = import("playwright-core")
    .then(({ chromium }) =>
      chromium.launch({
        executablePath,
        args: chromiumFlags,
        // The server's own shutdown closes the browser (closePdfBrowser); Playwright still kills
        // it if the process exits without.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      }),
    )
    .then((opened) => {
      opened.on("disconnected", () => {
        if (browser === launched) browser = undefined;
      });
      return opened;
    });
  launched.catch(() => {
    if (browser === launched) browser = undefined;
  });
  return launched;
}

async function withBrowser<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
  clearTimeout(idleTimer);
  printing += 1;
  try {
    browser ??= launchBrowser();
    return await use(await browser);
  } finally {
    printing -= 1;
    if (printing === 0) {
      idleTimer = setTimeout(() => void closePdfBrowser(), idleCloseMs);
      idleTimer.unref();
    }
  }
}

/** Closes the browser, if one is open (at shutdown; tests). A later PDF starts another. */
export async function closePdfBrowser(): Promise<void> {
  clearTimeout(idleTimer);
  const open = browser;
  browser = undefined;
  if (!open) return;
  const opened = await open.catch(() => undefined);
  await opened?.close();
}

export interface PrintOptions {
  /** The page's margins (the document's own `@page` rule should say the same). */
  margin: { top: string; right: string; bottom: string; left: string };
  /** A running header and footer (Chromium's templates), on every page. */
  bands?: { headerTemplate: string; footerTemplate: string };
  /** Stops the printing early (the export was cancelled or ran out of time). */
  signal?: AbortSignal;
}

/** Prints an HTML document (self-contained: nothing is fetched, no script runs) to an A4 PDF. */
export async function printPdf(html: string, options: PrintOptions): Promise<Buffer> {
  const { signal } = options;
  signal?.throwIfAborted();
  return withBrowser(async (opened) => {
    const context = await opened.newContext({ javaScriptEnabled: false, offline: true });
    const abort = () => void context.close();
    signal?.addEventListener("abort", abort, { once: true });
    try {
      const page = await context.newPage();
      await page.route("**/*", (route) => route.abort());
      await page.setContent(html, { waitUntil: "load", timeout: printTimeoutMs });
      await page.emulateMedia({ media: "print" });
      const pdf = await page.pdf({
        format: "A4",
        printBackground: true,
        displayHeaderFooter: options.bands !== undefined,
        ...(options.bands ?? {}),
        margin: options.margin,
        // Headings become the PDF's bookmarks; tags let screen readers follow the structure.
        outline: true,
        tagged: true,
      });
      signal?.throwIfAborted();
      return pdf;
    } finally {
      signal?.removeEventListener("abort", abort);
      await context.close();
    }
  });
}
