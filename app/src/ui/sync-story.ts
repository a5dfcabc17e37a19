// What the home screen says about syncing, in the person's words: what happened (no network, no
// answer, a server fault, a refusal), what is happening to the changes still on the phone, and
// what to do. Pending changes never stand alone as a number.
import type { SyncStatus } from "../db/meta.js";
import { formatTime, t, tn } from "../i18n/i18n.js";

export interface SyncFacts {
  /** The phone says it has a network. */
  online: boolean;
  running: boolean;
  /** This person's changes waiting in the outbox, and how many of them were sent unanswered. */
  pending: number;
  unanswered: number;
  status: SyncStatus | undefined;
}

export interface SyncStory {
  tone: "ok" | "info" | "warning" | "error";
  lines: string[];
}

export function syncStory(facts: SyncFacts): SyncStory {
  const { online, running, pending, unanswered, status } = facts;
  const failure = status?.failure ?? null;
  const lines: string[] = [];
  const safe = () => {
    if (pending > 0) lines.push(tn("sync.story.safe", pending));
  };
  const retry = () => {
    if (status?.retryAt) lines.push(t("sync.story.retry_at", { time: formatTime(status.retryAt) }));
  };

  if (running) {
    lines.push(pending > 0 ? tn("sync.story.sending", pending) : t("sync.running"));
    return { tone: "info", lines };
  }
  if (!online || failure?.kind === "offline") {
    // Tries without a network never reach the server: nothing is "sent, unanswered" here.
    lines.push(t("sync.story.offline"));
    if (pending > 0) lines.push(tn("sync.story.offline_pending", pending));
    return { tone: "info", lines };
  }
  if (failure?.kind === "no_answer") {
    const at = status?.lastAttemptAt ? formatTime(status.lastAttemptAt) : "";
    lines.push(t("sync.story.no_answer", { time: at }));
    safe();
    // Said only after a try that had a network: those changes may have reached the server.
    if (unanswered > 0) lines.push(tn("sync.story.unanswered", unanswered));
    retry();
    return { tone: "warning", lines };
  }
  if (failure?.kind === "server_error") {
    // The server answered (with its fault): nothing was taken, so nothing is "sent, unanswered".
    lines.push(t("sync.story.server_error", { status: failure.status }));
    safe();
    retry();
    lines.push(t("sync.story.server_error_persists"));
    return { tone: "error", lines };
  }
  if (failure?.kind === "refused") {
    lines.push(t("sync.story.refused", { message: failure.message }));
    safe();
    retry();
    return { tone: "error", lines };
  }
  if (pending > 0) {
    lines.push(tn("sync.story.waiting", pending));
    return { tone: "info", lines };
  }
  if (status?.lastSyncAt) return { tone: "ok", lines: [t("sync.story.all_sent")] };
  return { tone: "info", lines: [t("sync.story.never")] };
}
