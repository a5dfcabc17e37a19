// What the site benchmarks share: the production server (scripts/start.mjs, what `npm start`
// runs once the build is current) started on a free port and a data directory of their own.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  pid: number;
  /** Seconds from the spawn until /healthz answered, and until the home page did. */
  healthyAfter: number;
  firstPageAfter: number;
  stop(): Promise<void>;
}

/**
 * The Node options and script of `npm start` (package.json), run here without npm in between so
 * the process measured is the server's own: `node --v8-pool-size=1 scripts/start.mjs`.
 */
function startCommand(): string[] {
  const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts;
  const [node, ...args] = String(scripts.start).split(/\s+/);
  if (node !== "node") throw new Error(`npm start runs ${node}, not node`);
  return args;
}

/** What `npm start` runs (scripts/start.mjs: the build checked, then dist/main.js) on `dataDir`. */
export async function startServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, startCommand(), {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const until = async (address: string) => {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      if (i > 6_000) throw new Error("the server did not start in 10 minutes");
      try {
        if ((await fetch(address)).ok) return (performance.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const healthyAfter = await until(`${url}/healthz`);
  const firstPageAfter = await until(`${url}/vi/`);
  return {
    url,
    pid: child.pid!,
    healthyAfter,
    firstPageAfter,
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(killed);
    },
  };
}

/** The address of the newest news post, from the news list (the demo has several). */
export async function newsPostPath(url: string): Promise<string> {
  const newsList = await (await fetch(`${url}/vi/tin-tuc`)).text();
  return /href="(\/vi\/tin-tuc\/[^"?]+)"/.exec(newsList)?.[1] ?? "/vi/tin-tuc";
}
