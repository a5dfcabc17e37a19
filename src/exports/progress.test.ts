import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createProgressReporter, type ProgressUpdate } from "./progress.js";

let writes: ProgressUpdate[];
const write = async (update: ProgressUpdate) => void writes.push(update);

beforeEach(() => {
  writes = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("progress of an export", () => {
  it("writes the first report at once and then at most once per interval, never losing the latest", async () => {
    const reporter = createProgressReporter(write, { intervalMs: 250, onError: () => {} });
    await reporter.report(10, "exports.note.preparing");
    for (const percent of [20, 30, 40]) await reporter.report(percent);
    expect(writes.map((w) => w.percent)).toEqual([10]);
    await vi.advanceTimersByTimeAsync(250);
    // The note stays until a report gives another.
    expect(writes.at(-1)).toEqual({ percent: 40, note: "exports.note.preparing", values: null });
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toHaveLength(2);
    await reporter.report(50, "exports.note.writing", { sheet: 2 });
    expect(writes.at(-1)).toEqual({
      percent: 50,
      note: "exports.note.writing",
      values: { sheet: 2 },
    });
  });

  it("keeps percentages whole and between 0 and 100, and ignores what is not a number", async () => {
    const reporter = createProgressReporter(write, { intervalMs: 0, onError: () => {} });
    for (const percent of [-5, 33.4, 250, Number.NaN]) await reporter.report(percent);
    expect(writes.map((w) => w.percent)).toEqual([0, 33, 100]);
  });

  it("writes nothing after close, and reports a failed write instead of throwing it", async () => {
    const errors: unknown[] = [];
    const failing = createProgressReporter(
      async () => {
        throw new Error("database gone");
      },
      { intervalMs: 250, onError: (error) => errors.push(error) },
    );
    await expect(failing.report(10)).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);

    const reporter = createProgressReporter(write, { intervalMs: 250, onError: () => {} });
    await reporter.report(10);
    await reporter.report(90);
    await reporter.close();
    await reporter.report(95);
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes.map((w) => w.percent)).toEqual([10]);
  });
});
