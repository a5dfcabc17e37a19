// Writes a benchmark's figures into docs/benchmarks.md, in its own section, with the machine and
// the date, replacing the section's previous figures.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const file = path.resolve(import.meta.dirname, "../docs/benchmarks.md");

export function recordBenchmark(
  name: string,
  description: string,
  header: string[],
  rows: (string | number)[][],
) {
  const machine = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
  const date = new Date().toISOString().slice(0, 10);
  const table = [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map(
      (row) =>
        `| ${row.map((v) => (typeof v === "number" ? v.toLocaleString("en-GB") : v)).join(" | ")} |`,
    ),
  ].join("\n");
  const section = `<!-- bench:${name} -->\n## ${name}\n\n${description}\n\nMeasured ${date} on ${machine}.\n\n${table}\n<!-- /bench:${name} -->`;
  let text = existsSync(file)
    ? readFileSync(file, "utf8")
    : "# Benchmarks\n\nFigures written by the scripts in `bench/`; run one to refresh its section.\n";
  // The name taken literally: "(pglite)" in a name is not a group.
  const literal = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`<!-- bench:${literal} -->[\\s\\S]*?<!-- /bench:${literal} -->`);
  text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text);
}
