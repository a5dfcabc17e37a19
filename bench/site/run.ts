// Benchmark (not a test): the public website as `npm start` serves it, on the embedded database with
// the demo — issue 14's aims, measured on this machine:
//   - start: a fresh clone's build, the first start (the demo loaded), a restart of built code;
//   - memory: the server's resident memory (VmRSS) idle with the demo, and its largest under load;
//   - pages: home, project, news list, news post and search, each for 10 s with `wrk -t2 -c32`
//     (loopback, brotli accepted as a browser does), requests/s and p99 latency;
//   - the project and home pages while four devices push sync batches of 20 records, without pause
//     and at one batch a second, dated today and dated in a quarter the page publishes;
//   - the staff app's first load on a slow phone network in Chromium: 400 kbps, 400 ms round trip,
//     CPU four times slower (Lighthouse's "slow 4G"-like profile), until the sign-in form is usable.
// Writes the figures to docs/benchmarks.md with the machine and the date.
//
//   npx tsx bench/site/run.ts            (needs wrk: apt-get install wrk; and /usr/bin/chromium)
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { todayInVietnam } from "../../src/indicators/release.js";
import { newId } from "../../src/lib/ids.js";
import { chromiumFlags, chromiumPath } from "../../src/pdf/printer.js";
import { recordBenchmark } from "../report.js";
import { newsPostPath, root, startServer } from "./server.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0) / 1024);
}

interface Load {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

/**
 * `wrk -t2 -c32 --latency` for `seconds`, brotli accepted. Run without blocking this process, so
 * the devices pushing meanwhile (pushWhile, in this process) keep pushing.
 */
async function wrk(url: string): Promise<Load> {
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      "wrk",
      ["-t2", "-c32", `-d${seconds}s`, "--latency", "-H", "Accept-Encoding: br, gzip", url],
      { encoding: "utf8" },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    ),
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const scale = { us: 0.001, ms: 1, s: 1000 } as const;
  const p99Ms = p99 ? Number(p99[1]) * scale[p99[2] as keyof typeof scale] : Number.NaN;
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    out,
  );
  const errors =
    non2xx +
    (socketErrors
      ? socketErrors
          .slice(1)
          .map(Number)
          .reduce((a, b) => a + b)
      : 0);
  return { requestsPerSecond: Math.round(rps), p99Ms: Math.round(p99Ms * 10) / 10, errors };
}

async function logIn(url: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "quan-tri-2011-demo" }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrf_token } = (await response.json()) as { csrf_token: string };
  return { cookie, csrf: csrf_token };
}

/**
 * Four devices pushing batches of 20 condom distributions until stopped: one after another without
 * pause, or each waiting `pauseMs` after each batch. Dated today (the field work phones send), or
 * in a quarter the project page publishes (records entered late: each batch changes its figures).
 */
async function pushWhile(
  url: string,
  pauseMs = 0,
  dated: "today" | "ended quarter" = "today",
): Promise<{ stop(): Promise<number> }> {
  const date = dated === "today" ? todayInVietnam() : "2011-08-15";
  const session = await logIn(url);
  const site = await firstSiteId(url, session.cookie);
  let running = true;
  let batches = 0;
  const device = async () => {
    const deviceId = newId();
    while (running) {
      const changes = Array.from({ length: 20 }, () => {
        const id = newId();
        return {
          id,
          type: "commodity_distribution",
          op: "create",
          base_version: null,
          record: { id, site_id: site, item: "condom", quantity: 10, distributed_on: date },
        };
      });
      const response = await fetch(`${url}/api/sync/push`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: session.cookie,
          "x-csrf-token": session.csrf,
        },
        body: JSON.stringify({ device_id: deviceId, changes }),
      });
      await response.arrayBuffer();
      if (response.ok) batches += 1;
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    }
  };
  const devices = Promise.all([device(), device(), device(), device()]);
  return {
    stop: async () => {
      running = false;
      await devices;
      return batches;
    },
  };
}

/** The first of the demo's sites, from the reference data a device pulls. */
async function firstSiteId(url: string, cookie: string): Promise<string> {
  const response = await fetch(`${url}/api/reference`, { headers: { cookie } });
  const body = (await response.json()) as { sites: { id: string }[] };
  return body.sites[0]!.id;
}

/** The staff app's first load, throttled as a slow phone on a slow network. */
async function appFirstLoad(url: string): Promise<{
  firstPaintS: number;
  usableS: number;
  pressS: number;
  startedS: number;
  kb: number;
}> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumFlags });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 400,
      downloadThroughput: (400 * 1000) / 8,
      uploadThroughput: (400 * 1000) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    let bytes = 0;
    cdp.on("Network.loadingFinished", (event: { encodedDataLength: number }) => {
      bytes += event.encodedDataLength;
    });
    const started = Date.now();
    await page.goto(`${url}/app/`, { waitUntil: "commit" });
    // The form in the page's HTML (first.html) takes typing at once; signing in needs the app's
    // script, which replaces it with its own form, carrying over what was typed.
    await page.waitForSelector("input[type=password]", { state: "visible", timeout: 60_000 });
    const usableS = (Date.now() - started) / 1000;
    // Its button takes a press once the page's own script has run (app/first-load.js, written into
    // the page); the app signs in when it starts.
    await page.waitForSelector("[data-first-load] button:enabled", { timeout: 60_000 });
    const pressS = (Date.now() - started) / 1000;
    await page.waitForSelector("[data-first-load]", { state: "detached", timeout: 60_000 });
    await page.waitForSelector("input[type=password]", { state: "visible", timeout: 60_000 });
    const startedS = (Date.now() - started) / 1000;
    const paint = await page.evaluate(
      () =>
        performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint")
          ?.startTime ?? 0,
    );
    return {
      firstPaintS: Math.round(paint / 10) / 100,
      usableS: Math.round(usableS * 100) / 100,
      pressS: Math.round(pressS * 100) / 100,
      startedS: Math.round(startedS * 100) / 100,
      kb: Math.round(bytes / 1024),
    };
  } finally {
    await browser.close();
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

// The build a fresh clone makes once, at `npm install` (its `prepare`: scripts/build-if-needed.mjs).
rmSync(path.join(root, "dist", ".build-fingerprint"), { force: true });
const buildStarted = performance.now();
execFileSync(process.execPath, ["scripts/build-if-needed.mjs", "--install"], {
  cwd: root,
  stdio: "ignore",
});
const buildSeconds = (performance.now() - buildStarted) / 1000;

const dataDir = mkdtempSync(path.join(tmpdir(), "peerlink-bench-site-"));
const rows: (string | number)[][] = [];
try {
  const first = await startServer(dataDir);
  rows.push([
    "start",
    "the build, made once by npm install (its prepare script)",
    `${round1(buildSeconds)} s`,
  ]);
  rows.push([
    "start",
    "first start after npm install: new data directory, demo loaded, until the home page answers",
    `${round1(first.firstPageAfter)} s`,
  ]);
  await first.stop();
  const server = await startServer(dataDir);
  rows.push([
    "start",
    "restart of built code: until /healthz answers",
    `${round1(server.healthyAfter)} s`,
  ]);
  rows.push([
    "start",
    "restart: until the home page answers",
    `${round1(server.firstPageAfter)} s`,
  ]);
  await new Promise((r) => setTimeout(r, 3_000));
  rows.push([
    "memory",
    "resident memory, idle with the demo after a restart",
    `${rssMiB(server.pid)} MiB`,
  ]);

  const post = await newsPostPath(server.url);
  const pages: [string, string][] = [
    ["home", "/vi/"],
    ["project", "/vi/du-an/dien-bien"],
    ["news list", "/vi/tin-tuc"],
    ["news post", post],
    ["public results API", "/api/projects/dien-bien/results"],
  ];
  let peak = rssMiB(server.pid);
  for (const [name, address] of pages) {
    await fetch(`${server.url}${address}`); // made once, then served from the cache
    const load = await wrk(`${server.url}${address}`);
    peak = Math.max(peak, rssMiB(server.pid));
    rows.push([
      "pages",
      `${name} (${address})`,
      `${load.requestsPerSecond.toLocaleString("en-GB")} req/s, p99 ${load.p99Ms} ms${load.errors ? `, ${load.errors} errors` : ""}`,
    ]);
  }
  {
    const pushes = await pushWhile(server.url);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const batches = await pushes.stop();
    rows.push([
      "pages while devices push",
      "no page load: four devices pushing batches of 20 records, alone",
      `${batches} batches (${batches * 20} records) pushed in ${seconds} s`,
    ]);
  }
  const pushing = [
    [0, "today", "four devices pushing batches of 20 records of today without pause"],
    [1_000, "today", "four devices each pushing a batch of 20 records of today every second"],
    [
      0,
      "ended quarter",
      "four devices pushing batches of 20 records of an ended quarter without pause",
    ],
    [
      1_000,
      "ended quarter",
      "four devices each pushing a batch of 20 records of an ended quarter every second",
    ],
  ] as const;
  for (const [name, address] of [pages[1]!, pages[0]!]) {
    // The home page shows no figures: one row of it is enough.
    for (const [pauseMs, dated, how] of name === "home" ? pushing.slice(0, 1) : pushing) {
      const pushes = await pushWhile(server.url, pauseMs, dated);
      const load = await wrk(`${server.url}${address}`);
      const batches = await pushes.stop();
      peak = Math.max(peak, rssMiB(server.pid));
      rows.push([
        "pages while devices push",
        `${name}, ${how} meanwhile`,
        `${load.requestsPerSecond.toLocaleString("en-GB")} req/s, p99 ${load.p99Ms} ms; ${batches} batches (${batches * 20} records) pushed in ${seconds} s`,
      ]);
    }
  }
  rows.push(["memory", "largest resident memory under the loads above", `${peak} MiB`]);
  const app = await appFirstLoad(server.url);
  rows.push([
    "staff app",
    "first load at 360 px, 400 kbps, 400 ms round trip, CPU 4× slower: first paint / sign-in form takes typing / its button takes a press / the app started (its form, with what was typed) / bytes",
    `${app.firstPaintS} s / ${app.usableS} s / ${app.pressS} s / ${app.startedS} s / ${app.kb} KiB`,
  ]);
  await server.stop();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

for (const row of rows) console.log(row.join(" | "));
recordBenchmark(
  "site",
  "The public website as `npm start` serves it on the embedded database with the demo (`npx tsx bench/site/run.ts`): the build, the first start and a restart; resident memory; each page under `wrk -t2 -c32` for " +
    `${seconds} s over loopback with brotli accepted (wrk runs on the same two cores as the server), alone and while four devices push sync batches of 20 records (without pause, and each at one batch a second — still far more than a programme's phones send; dated today, as phones send, and dated in an ended quarter, each batch changing the published figures); the staff app's first load in Chromium on a throttled network and CPU. Aims (issue 14): first start ≤ 15 s after npm install, restart ≤ 3 s, ≤ 300 MB resident; each page ≥ 1,500 req/s with p99 ≤ 50 ms, ≥ 500 req/s while devices push; the staff app usable in ≤ 3 s on the slow profile.`,
  ["what", "measure", "figure"],
  rows,
);
