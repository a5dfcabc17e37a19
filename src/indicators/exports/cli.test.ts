// `peerlink export …` as an operator runs it: a real process on a temporary embedded database with
// the demo loaded, writing a spreadsheet and a CSV that are read back.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "peerlink-export-cli-"));
const outDir = mkdtempSync(path.join(tmpdir(), "peerlink-export-out-"));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function peerlink(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        DATA_DIR: dataDir,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}

beforeAll(async () => {
  const loaded = await peerlink(["demo", "load"]);
  if (loaded.code !== 0) throw new Error(`demo load failed: ${loaded.stderr}`);
}, 180_000);
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

describe("peerlink export", () => {
  it("writes the demo project's spreadsheet in English", async () => {
    const out = path.join(outDir, "report.xlsx");
    const run = await peerlink([
      "export",
      "xlsx",
      "--project",
      "dien-bien",
      "--period",
      "2011-07-01..2011-10-31",
      "--lang",
      "en",
      "--out",
      out,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`wrote ${out} (xlsx, en, 2011-07-01..2011-10-31, sites DBP, TG, DB)`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    const summary = workbook.getWorksheet("Summary")!;
    let reached: ExcelJS.CellValue;
    summary.eachRow((row) => {
      if (row.getCell(1).value === "people_reached") reached = row.getCell(4).value;
    });
    expect(reached).toBe(462);
  });

  it("writes one site's CSV, in Vietnamese by default", async () => {
    const out = path.join(outDir, "tg.csv");
    const run = await peerlink([
      "export",
      "csv",
      "--project",
      "dien-bien",
      "--period",
      "2011Q3",
      "--site",
      "TG",
      "--out",
      out,
    ]);
    expect(run.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.startsWith("\uFEFFMã chỉ số,Chỉ số,")).toBe(true);
    expect(text).toContain(",site,site,TG,Huyện Tuần Giáo,");
    expect(text).not.toContain("Huyện Điện Biên");
  });

  it("withholds figures under PUBLIC_MIN_COUNT in a --public file", async () => {
    const out = path.join(outDir, "public.csv");
    const args = ["export", "csv", "--project", "dien-bien", "--period", "2011Q3"];
    const run = await peerlink([...args, "--public", "--out", out], {
      PUBLIC_MIN_COUNT: "20",
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/, figures under 20 withheld\)$/);
    const rows = readFileSync(out, "utf8").trim().split("\r\n").slice(1);
    const countIn = (row: string) => row.split(",").at(-2)!;
    // Figures about clients: no count from 1 to 19 is written. People are counted over the whole
    // project only: a quarter does not publish them.
    const aboutClients = rows.filter((row) =>
      ["people_reached,", "contacts,", "hiv_test_visits,"].some((id) => row.startsWith(id)),
    );
    expect(
      aboutClients
        .filter((row) => row.startsWith("people_reached,"))
        .every((row) => row.endsWith(",unpublished")),
    ).toBe(true);
    for (const row of aboutClients) {
      const value = Number(countIn(row) || "0");
      expect(value === 0 || value >= 20, row).toBe(true);
    }

    // A quarter is for all sites together; a month is not a published period: refused, saying why.
    const atSite = await peerlink([...args, "--site", "TG", "--public", "--out", out], {
      LANG: "en",
    });
    expect(atSite.code).toBe(1);
    expect(atSite.stderr).toMatch(/a quarter is published for all sites together/);
    const month = await peerlink(
      ["export", "csv", "--project", "dien-bien", "--period", "2011-08", "--public", "--out", out],
      { LANG: "en" },
    );
    expect(month.code).toBe(1);
    expect(month.stderr).toMatch(/project, 2011Q3, 2011Q4/);

    const wrong = await peerlink([...args, "--public", "--out", out], { PUBLIC_MIN_COUNT: "2" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/PUBLIC_MIN_COUNT: expected a whole number from 3 to 100/);
  });

  it("says what is wrong with the options, before opening the database", async () => {
    const missing = await peerlink([
      "export",
      "xlsx",
      "--project",
      "dien-bien",
      "--period",
      "2011",
    ]);
    expect(missing).toMatchObject({ code: 2, stderr: "peerlink: --out is required" });
    const period = await peerlink([
      "export",
      "csv",
      "--project",
      "dien-bien",
      "--period",
      "July",
      "--out",
      path.join(outDir, "x.csv"),
    ]);
    expect(period.code).toBe(2);
    expect(period.stderr).toMatch(/^peerlink: --period: expected a reporting period/);
    const site = await peerlink([
      "export",
      "csv",
      "--project",
      "dien-bien",
      "--period",
      "2011",
      "--site",
      "XX",
      "--out",
      path.join(outDir, "x.csv"),
    ]);
    expect(site).toMatchObject({
      code: 1,
      stderr: "peerlink: --site: the project has no site with this code",
    });
  });
});
