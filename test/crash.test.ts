import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { newId } from "../src/lib/ids.js";
import { freePort, startServerProcess } from "../src/test-support/server-process.js";

const dataDir = mkdtempSync(path.join(tmpdir(), "peerlink-crash-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = (port: number) => startServerProcess(port, { DATA_DIR: dataDir, LOG_LEVEL: "error" });

async function logIn(url: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "worker.tg", password: "tiep-can-2011-demo" }),
  });
  expect(response.status).toBe(200);
  const { csrf_token } = (await response.json()) as { csrf_token: string };
  return {
    cookie: response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; "),
    csrf: csrf_token,
  };
}

describe("a server killed in the middle of a batch", () => {
  it("ends, after the device retries, with every change applied exactly once", {
    timeout: 240_000,
  }, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let server = await start(port);
    let session = await logIn(url);
    const reference = (await (
      await fetch(`${url}/api/reference`, { headers: { cookie: session.cookie } })
    ).json()) as {
      sites: { id: string }[];
    };
    const siteId = reference.sites[0]!.id;
    const batches = Array.from({ length: 6 }, (_, b) => {
      const clients = Array.from({ length: 250 }, (_, i) => ({
        id: newId(),
        uic: `CRASH${b}X${i}`,
      }));
      return {
        device_id: "0190b3c6-0000-7000-8000-0000000c4a54",
        changes: [
          ...clients.map((c) => ({
            id: newId(),
            type: "client",
            op: "create",
            base_version: null,
            record: {
              id: c.id,
              site_id: siteId,
              uic: c.uic,
              sex: "female",
              birth_year: 1984,
              population_group: "partner_pwud",
              registered_on: "2026-11-20",
            },
          })),
          ...clients.map((c) => ({
            id: newId(),
            type: "contact",
            op: "create",
            base_version: null,
            record: { id: newId(), site_id: siteId, client_id: c.id, contact_date: "2026-11-21" },
          })),
        ],
      };
    });
    const push = (batch: unknown) =>
      fetch(`${url}/api/sync/push`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: session.cookie,
          "x-csrf-token": session.csrf,
        },
        body: JSON.stringify(batch),
      });

    // Send every batch at once and kill the server while they are being applied.
    const inFlight = batches.map((batch) =>
      push(batch).then(
        (r) => r.status,
        () => "lost",
      ),
    );
    await new Promise((r) => setTimeout(r, 150));
    server.kill("SIGKILL");
    const outcomes = await Promise.all(inFlight);
    expect(outcomes).toContain("lost");

    // The device retries everything whose answer it did not get (here: every batch, to be sure).
    server = await start(port);
    session = await logIn(url);
    for (const batch of batches) {
      const response = await push(batch);
      expect(response.status).toBe(200);
      const { results } = (await response.json()) as { results: { status: string }[] };
      expect(results.every((r) => r.status === "applied" || r.status === "duplicate")).toBe(true);
    }

    // Exactly once: pull everything the worker sees and count this test's records.
    const seen = new Map<string, string>();
    let cursor = 0;
    for (;;) {
      const page = (await (
        await fetch(`${url}/api/sync/pull?cursor=${cursor}`, {
          headers: { cookie: session.cookie },
        })
      ).json()) as {
        changes: { type: string; record: { id: string; uic?: string } }[];
        cursor: number;
        more: boolean;
      };
      for (const change of page.changes)
        seen.set(change.record.id, change.record.uic ?? change.type);
      cursor = page.cursor;
      if (!page.more) break;
    }
    const expectedIds = batches.flatMap((b) => b.changes.map((c) => c.record.id));
    expect(expectedIds.every((id) => seen.has(id))).toBe(true);
    const crashClients = [...seen.values()].filter((v) => v.startsWith("CRASH"));
    expect(crashClients).toHaveLength(6 * 250);
    expect(new Set(crashClients).size).toBe(6 * 250);

    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  });
});
