// For end-to-end tests: the real server in a child process (as `npm start` runs it, on a fresh
// data directory with the demo loaded) and Debian's Chromium driven by playwright-core.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { loadOfficeWords } from "../../app/src/i18n/i18n.js";
import { chromiumFlags } from "../../src/pdf/printer.js";

const root = path.resolve(import.meta.dirname, "../..");
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Without Chromium a developer's `npm test` skips the browser tests; CI installs it and never skips. */
export const browserMissing = !existsSync(chromiumPath) && process.env.CI !== "true";
if (browserMissing)
  console.warn(`e2e: skipped — no Chromium at ${chromiumPath} (apt-get install chromium)`);

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: chromiumFlags,
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** What the staff app's build is made from: newer than the build means the build is stale. */
const staffAppSources = [
  "app",
  "vite.config.ts",
  "src/auth/policy.ts",
  "scripts/first-load-page.mjs",
];

function newestSourceTime(): number {
  let newest = 0;
  for (const source of staffAppSources) {
    const full = path.join(root, source);
    const files = statSync(full).isDirectory()
      ? readdirSync(full, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => path.join(entry.parentPath, entry.name))
      : [full];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

/**
 * The server run from src/ serves the staff app from dist/app (src/staff-app/routes.ts), which a
 * fresh clone lacks: build it with Vite (service worker included) when it is missing or older
 * than its sources. The build goes to a directory of its own, then replaces dist/app in one rename,
 * so a server running meanwhile never sees half a build.
 */
export async function ensureStaffAppBuilt(): Promise<void> {
  const built = path.join(root, "dist/app");
  const worker = path.join(built, "sw.js");
  if (existsSync(worker) && existsSync(path.join(built, "index.html"))) {
    if (statSync(worker).mtimeMs >= newestSourceTime()) return;
  }
  const fresh = path.join(root, `dist/.app-build-${process.pid}-${Date.now().toString(36)}`);
  const vite = path.join(root, "node_modules/vite/bin/vite.js");
  const child = spawn(
    process.execPath,
    [vite, "build", "--outDir", fresh, "--emptyOutDir", "--logLevel", "warn"],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0 || !existsSync(path.join(fresh, "sw.js"))) {
    rmSync(fresh, { recursive: true, force: true });
    throw new Error(`vite build of the staff app failed (exit ${code}):\n${output}`);
  }
  // The page with the sign-in form in its HTML, as `npm run build` makes it.
  execFileSync(process.execPath, [path.join(root, "scripts/first-load-page.mjs"), fresh]);
  const old = `${fresh}-old`;
  if (existsSync(built)) renameSync(built, old);
  renameSync(fresh, built);
  rmSync(old, { recursive: true, force: true });
}

export interface RunningServer {
  url: string;
  /** Its DATA_DIR (with no SMTP configured, the mail it sends is in outbox/ there). */
  dataDir: string;
  stop(): Promise<void>;
}

/** A database of its own on the test PostgreSQL server, when the suite runs against one. */
async function freshServerDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return undefined;
  const name = `peerlink_e2e_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** `env`: more of the server's environment (an SMTP server of the test's, for instance). */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "peerlink-e2e-"));
  const database = await freshServerDatabase();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not answer within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    dataDir,
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ServerAndBrowser {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * Starts a server and a browser for the enclosing `describe` (after `prepare`, e.g. building the
 * app) and stops both after it; read them through the returned object inside tests.
 */
export function useServerAndBrowser(
  prepare: () => Promise<void> = async () => {},
  /** The server's extra environment, read after `prepare`. */
  env: () => Record<string, string> = () => ({}),
): ServerAndBrowser {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await prepare();
    // The tests name what the screens show, the office screens' words included (i18n.ts).
    await loadOfficeWords();
    [server, browser] = await Promise.all([startServer(env()), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error("the server is not started yet");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("the browser is not started yet");
      return browser;
    },
  };
}

export interface Phone {
  context: BrowserContext;
  page: Page;
  /** The page's uncaught errors, to expect none at the end. */
  pageErrors: string[];
}

/**
 * Phones for the enclosing `describe`: each a browser context at a phone's size (360×800) with a
 * 30-second default timeout (after `setUp`, e.g. routes, the context's page opens), all closed
 * after the `describe`.
 */
export function usePhones(
  e2e: ServerAndBrowser,
): (setUp?: (context: BrowserContext) => Promise<void>) => Promise<Phone> {
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
  });
  return async (setUp) => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 800 } });
    contexts.push(context);
    context.setDefaultTimeout(30_000);
    await setUp?.(context);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    return { context, page, pageErrors };
  };
}

/**
 * The text a visitor reads in `locator` once they have scrolled to it. The public pages draw what
 * lies below the first screen only as it comes near (`content-visibility: auto`, site.css), and
 * Chromium's `innerText` of a part not yet drawn is empty: scroll it into view, wait for the frame
 * that draws it, then read.
 */
export async function textOnScreen(locator: Locator): Promise<string> {
  await locator.scrollIntoViewIfNeeded();
  await locator.evaluate(
    () =>
      new Promise<void>((drawn) =>
        requestAnimationFrame(() => requestAnimationFrame(() => drawn())),
      ),
  );
  return locator.innerText();
}
