// Benchmark (not a test): the requests of issue 13 that stalled the server, fired at a real server
// on the demo data while /healthz is asked four times a second and the server's resident memory
// is read from /proc. For each request: its status, time and answer size; /healthz's slowest answer
// and its statuses meanwhile; the server's largest RSS. Loopback only, every request bounded in
// time, one run of each. Writes the figures to docs/benchmarks.md with the machine and the date.
//
//   npx tsx bench/stalls/run.ts                  # the server in this folder, on PGlite
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/stalls/run.ts    # and on PostgreSQL
//   npx tsx bench/stalls/run.ts --root /tmp/old --label "main before" --section "stalls before"
//                                                # another checkout's server, in its own section
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { recordBenchmark } from "../report.js";

const { values: options } = parseArgs({
  options: {
    root: { type: "string" },
    label: { type: "string" },
    /** The section of docs/benchmarks.md to write (a run of another checkout gets its own). */
    section: { type: "string" },
    "no-record": { type: "boolean" },
  },
});
const root = path.resolve(options.root ?? path.join(import.meta.dirname, "../.."));
const label = options.label ?? "this branch";
/** No request of the benchmark waits longer than this for its answer. */
const requestTimeoutMs = 120_000;
const healthEveryMs = 250;

interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The server as `npm run dev` runs it (from the sources, through tsx), on a new data directory. */
async function startServer(databaseUrl?: string): Promise<Server> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "peerlink-bench-stalls-"));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (i > 3_000) throw new Error("the server did not start in 5 minutes");
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(killed);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The process's resident memory, in MiB (Linux). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

interface Watch {
  /** /healthz answers: [milliseconds, status]. */
  health: [number, string][];
  maxRss: number;
  stop(): Promise<void>;
}

/** Asks /healthz every 250 ms (one at a time) and reads the server's memory until stopped. */
function watch(server: Server): Watch {
  const result: Watch = { health: [], maxRss: rssMiB(server.pid), stop: async () => {} };
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      let status: string;
      try {
        const response = await fetch(`${server.url}/healthz`, {
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
        status = `${response.status} ${((await response.json()) as { status: string }).status}`;
      } catch (error) {
        status = (error as Error).name;
      }
      result.health.push([performance.now() - started, status]);
      result.maxRss = Math.max(result.maxRss, rssMiB(server.pid));
      await new Promise((r) => setTimeout(r, healthEveryMs));
    }
  })();
  result.stop = async () => {
    running = false;
    await loop;
  };
  return result;
}

interface Session {
  cookie: string;
  csrf: string;
}

async function logIn(url: string, username: string, password: string): Promise<Session> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`log-in ${username}: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, csrf: ((await response.json()) as { csrf_token: string }).csrf_token };
}

interface Abuse {
  name: string;
  /** A GET, answered at once. */
  path?: string;
  /** Or an export: asked for, then followed until its background job is done. */
  export?: { kind: string; period: string };
  /** Signed in as the demo programme officer. */
  staff?: boolean;
  /** Sent this many times at once. */
  copies?: number;
}

const decadesBy = "by=month%2Bcommune%2Bsex%2Bage_band";
const abuses: Abuse[] = [
  {
    name: "public results, years 1 to 9999 (the issue's request)",
    path: "/api/projects/dien-bien/results?from=0001-01-01&to=9999-12-31",
  },
  {
    name: "public results, 1900 to 2100",
    path: "/api/projects/dien-bien/results?from=1900-01-01&to=2100-12-31",
  },
  {
    name: "the same, 4 at once",
    path: "/api/projects/dien-bien/results?from=1900-01-01&to=2100-12-31",
    copies: 4,
  },
  {
    name: "staff indicators by month, commune, sex and age band, 2000–2020",
    path: `/api/projects/dien-bien/indicators?period=2000-01-01..2020-12-31&${decadesBy}`,
    staff: true,
  },
  {
    name: "the same over five years (2007–2011)",
    path: `/api/projects/dien-bien/indicators?period=2007-01-01..2011-12-31&${decadesBy}`,
    staff: true,
  },
  {
    name: "staff indicators by month and commune, five years (within the limits)",
    path: "/api/projects/dien-bien/indicators?period=2007-01-01..2011-12-31&by=month%2Bcommune",
    staff: true,
  },
  {
    name: "dashboard, five years",
    path: "/api/dashboard/dien-bien?period=2007-01-01..2011-12-31",
    staff: true,
  },
  {
    name: "XLSX export, 2000–2020",
    export: { kind: "xlsx", period: "2000-01-01..2020-12-31" },
    staff: true,
  },
  {
    name: "XLSX export, five years (a background job, followed to its end)",
    export: { kind: "xlsx", period: "2007-01-01..2011-12-31" },
    staff: true,
  },
  {
    name: "PDF report, five years (a background job, followed to its end)",
    export: { kind: "pdf", period: "2007-01-01..2011-12-31" },
    staff: true,
  },
];

/** Asks for an export and follows it to its end: the answer is the finished file's. */
async function exportFile(
  server: Server,
  session: Session,
  request: { kind: string; period: string },
) {
  const signal = AbortSignal.timeout(requestTimeoutMs);
  const asked = await fetch(`${server.url}/api/exports`, {
    method: "POST",
    headers: {
      cookie: session.cookie,
      "x-csrf-token": session.csrf,
      "content-type": "application/json",
      "accept-language": "en",
    },
    body: JSON.stringify({ project: "dien-bien", ...request }),
    signal,
  });
  if (asked.status !== 202) {
    return { status: String(asked.status), bytes: (await asked.arrayBuffer()).byteLength };
  }
  const { id } = (await asked.json()) as { id: string };
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const followed = await fetch(`${server.url}/api/exports/${id}`, {
      headers: { cookie: session.cookie },
      signal,
    });
    const state = (await followed.json()) as { status: string };
    if (state.status === "failed") return { status: "failed", bytes: 0 };
    if (state.status === "done") {
      const file = await fetch(`${server.url}/api/exports/${id}/file`, {
        headers: { cookie: session.cookie },
        signal,
      });
      return { status: `${file.status} done`, bytes: (await file.arrayBuffer()).byteLength };
    }
  }
}

interface Row {
  engine: string;
  request: string;
  statuses: string;
  seconds: number;
  bytes: number;
  healthMaxMs: number;
  healthStatuses: string;
  rssMiB: number;
}

async function fire(server: Server, engine: string, abuse: Abuse, session: Session): Promise<Row> {
  const watching = watch(server);
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: abuse.copies ?? 1 }, async () => {
      try {
        if (abuse.export) return await exportFile(server, session, abuse.export);
        const response = await fetch(`${server.url}${abuse.path}`, {
          headers: abuse.staff
            ? { cookie: session.cookie, "accept-language": "en" }
            : { "accept-language": "en" },
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
        const body = await response.arrayBuffer();
        return { status: String(response.status), bytes: body.byteLength };
      } catch (error) {
        return { status: (error as Error).name, bytes: 0 };
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // One more health answer after the request, so a stall that outlasts it shows.
  await new Promise((r) => setTimeout(r, healthEveryMs * 2));
  await watching.stop();
  const count = (list: string[]) =>
    [...new Set(list)].map((s) => `${list.filter((x) => x === s).length}× ${s}`).join(", ");
  return {
    engine,
    request: abuse.name,
    statuses: count(answers.map((a) => a.status)),
    seconds: Math.round(seconds * 100) / 100,
    bytes: Math.max(...answers.map((a) => a.bytes)),
    healthMaxMs: Math.round(Math.max(...watching.health.map(([ms]) => ms))),
    healthStatuses: count(watching.health.map(([, status]) => status)),
    rssMiB: watching.maxRss,
  };
}

async function freshDatabase(adminUrl: string) {
  const name = `peerlink_bench_stalls_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(adminUrl: string, url: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
  await client.end();
}

const rows: Row[] = [];
for (const engine of ["pglite", "postgres"] as const) {
  if (engine === "postgres" && !process.env.BENCH_DATABASE_URL) {
    console.log("postgres: skipped (set BENCH_DATABASE_URL)");
    continue;
  }
  const databaseUrl =
    engine === "postgres" ? await freshDatabase(process.env.BENCH_DATABASE_URL!) : undefined;
  const server = await startServer(databaseUrl);
  try {
    const session = await logIn(server.url, "officer", "can-bo-2011-demo");
    const idle = await fire(
      server,
      engine,
      { name: "nothing (idle server)", path: "/healthz" },
      session,
    );
    console.log(idle);
    rows.push(idle);
    for (const abuse of abuses) {
      const row = await fire(server, engine, abuse, session);
      console.log(row);
      rows.push(row);
    }
  } finally {
    await server.stop();
    if (databaseUrl) await dropDatabase(process.env.BENCH_DATABASE_URL!, databaseUrl);
  }
}

if (!options["no-record"]) {
  recordBenchmark(
    options.section ?? "stalls",
    `The requests of issue 13 that stalled the server, each fired at a real server on the demo data (started from a fresh data directory with \`DEMO_DATA=auto\`, run from the sources as \`npm run dev\` runs it), one request (or four at once) at a time, while a client asks \`/healthz\` every 250 ms and the server's resident memory (VmRSS) is read; answers time out on the client after ${requestTimeoutMs / 1000} s (\`npx tsx bench/stalls/run.ts\`; \`BENCH_DATABASE_URL\` for PostgreSQL). Aim: \`/healthz\` always answers within 1.5 s; what the limits refuse is refused at once (400); memory stays near the idle server's. Server: ${label}.`,
    [
      "database",
      "request",
      "answers",
      "time (s)",
      "answer (bytes)",
      "slowest /healthz (ms)",
      "/healthz answers meanwhile",
      "largest RSS (MiB)",
    ],
    rows.map((r) => [
      r.engine,
      r.request,
      r.statuses,
      r.seconds,
      r.bytes,
      r.healthMaxMs,
      r.healthStatuses,
      r.rssMiB,
    ]),
  );
}
