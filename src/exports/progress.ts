// Progress of a running export, written at most every `intervalMs`: a renderer may report as
// often as it likes (every row, every sheet) without a database write each time. The latest report
// is never lost: one that comes too soon is written when the interval has passed.

export interface ProgressUpdate {
  /** 0–100, whole. */
  percent: number;
  /** A message key; kept from the previous report when a report gives none. */
  note: string | null;
  values: Record<string, string | number> | null;
}

export interface ProgressReporter {
  report(percent: number, note?: string, values?: Record<string, string | number>): Promise<void>;
  /** Drops what is not written yet and waits for the write under way: the export is ending. */
  close(): Promise<void>;
}

export function createProgressReporter(
  write: (update: ProgressUpdate) => Promise<void>,
  options: { intervalMs: number; onError: (error: unknown) => void },
): ProgressReporter {
  let latest: ProgressUpdate = { percent: 0, note: null, values: null };
  let pending = false;
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;

  function flush(): Promise<void> {
    timer = undefined;
    if (!pending || closed) return writing;
    pending = false;
    lastWriteAt = Date.now();
    const update = latest;
    // One write at a time, in order; a failed write is reported, never thrown at the renderer.
    writing = writing
      .then(() => write(update))
      .catch((error: unknown) => {
        options.onError(error);
      });
    return writing;
  }

  return {
    report(percent, note, values) {
      if (closed || !Number.isFinite(percent)) return Promise.resolve();
      latest = {
        percent: Math.min(100, Math.max(0, Math.round(percent))),
        note: note ?? latest.note,
        values: note === undefined ? latest.values : (values ?? null),
      };
      pending = true;
      if (timer) return Promise.resolve();
      const wait = lastWriteAt + options.intervalMs - Date.now();
      if (wait <= 0) return flush();
      timer = setTimeout(flush, wait);
      return Promise.resolve();
    },

    async close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      await writing;
    },
  };
}
