import { afterEach, describe, expect, it } from "vitest";
import { setLocale, t } from "../i18n/i18n.js";
import { syncStory } from "./sync-story.js";

// The i18n module sets <html lang>; these tests run without a DOM.
globalThis.document ??= { documentElement: {} } as Document;

const attempt = { lastSyncAt: "2026-03-02T06:00:00Z", lastAttemptAt: "2026-03-02T07:03:00Z" };
const base = { online: true, running: false, pending: 0, unanswered: 0 };

describe("what the home screen says about syncing", () => {
  afterEach(() => setLocale("vi"));

  it("a server fault says so, not that the server cannot be reached; nothing is lost", () => {
    const story = syncStory({
      ...base,
      pending: 9,
      status: {
        ...attempt,
        failure: { kind: "server_error", status: 500 },
        retryAt: "2026-03-02T07:04:00Z",
      },
    });
    expect(story.tone).toBe("error");
    expect(story.lines[0]).toBe(t("sync.story.server_error", { status: 500 }));
    expect(story.lines.join(" ")).toContain("9 thay đổi vẫn được giữ an toàn");
    expect(story.lines.join(" ")).toContain("14:04");
    expect(story.lines.join(" ")).not.toMatch(/không có mạng|không tới được/);
  });

  it("after a lost answer: when it happened, that the changes are safe and may be on the server, when it retries", async () => {
    await setLocale("en");
    const story = syncStory({
      ...base,
      pending: 9,
      unanswered: 9,
      status: { ...attempt, failure: { kind: "no_answer" }, retryAt: "2026-03-02T07:03:10Z" },
    });
    expect(story.tone).toBe("warning");
    expect(story.lines).toEqual([
      "The send at 14:03 got no answer from the server: a weak connection, or the server could not be reached.",
      "9 changes are still safe on this phone; nothing is lost.",
      "9 changes were sent but no answer came back — the server may have them already. Sending them again is safe: nothing is stored twice.",
      "The app will try again by itself at 14:03; you can also press “Sync now”.",
    ]);
  });

  it("offline: the work is kept and goes by itself when the network comes back", () => {
    // Tried while offline: counted as attempts, but nothing reached the server.
    const story = syncStory({ ...base, online: false, pending: 1, unanswered: 1, status: attempt });
    expect(story.lines).toEqual([
      t("sync.story.offline"),
      "1 thay đổi được giữ an toàn trên máy này và sẽ tự gửi khi có mạng.",
    ]);
  });

  it("the server refusing the request: its reason, in its words", () => {
    const story = syncStory({
      ...base,
      pending: 2,
      status: { ...attempt, failure: { kind: "refused", message: "Tài khoản đã bị ngừng." } },
    });
    expect(story.lines[0]).toBe("Máy chủ từ chối đồng bộ: Tài khoản đã bị ngừng.");
  });

  it("pending changes never stand alone as a number", () => {
    for (const facts of [
      { ...base, pending: 3, status: attempt },
      { ...base, pending: 3, running: true, status: attempt },
      { ...base, pending: 3, online: false, status: attempt },
    ]) {
      const text = syncStory(facts).lines.join(" ");
      expect(text).toContain("3 thay đổi");
    }
    expect(syncStory({ ...base, status: attempt })).toEqual({
      tone: "ok",
      lines: [t("sync.story.all_sent")],
    });
  });
});
