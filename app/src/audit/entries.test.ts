// Audit entries as the screen words them, in both languages, for every action the server writes.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadOfficeWords, setLocale } from "../i18n/i18n.js";
import type { AuditEntry } from "../sync/api.js";
import {
  actionLabel,
  auditActions,
  auditTargetTypes,
  describeDetails,
  describeTarget,
  targetTypeLabel,
} from "./entries.js";

const entry = (action: string, details: Record<string, unknown>, target = {}): AuditEntry => ({
  id: 1,
  at: "2026-11-23T03:00:00.000Z",
  actor: { id: "u1", username: "admin", display_name: "Quản trị" },
  channel: "api",
  address: "203.0.113.7",
  action,
  target: { type: "user", id: "0193a5c2-0000-7000-8000-000000000001", label: "lan.tg", ...target },
  details,
});
const codes: Record<string, string> = { s1: "TG", s2: "DB" };
const siteCode = (id: string) => codes[id] ?? "?";

// setLocale marks the page's language; these tests run in Node, with no page.
beforeAll(() => vi.stubGlobal("document", { documentElement: { lang: "vi" } }));
afterEach(() => setLocale("vi"));

describe("audit entries on the screen", () => {
  // Words of the office screens, which load with them (i18n.ts).
  beforeAll(() => loadOfficeWords());

  it("have words for every action the server writes and everything it is done to", () => {
    for (const action of auditActions) expect(actionLabel(action)).not.toBe(action);
    for (const type of auditTargetTypes) expect(targetTypeLabel(type)).not.toBe(type);
  });

  it("say what changed, in Vietnamese and in English", async () => {
    expect(
      describeDetails(
        entry("user.role_changed", { from: "outreach_worker", to: "site_coordinator" }),
        siteCode,
      ),
    ).toBe("Tiếp cận viên → Điều phối viên");
    expect(
      describeDetails(entry("user.sites_changed", { from: ["s1"], to: ["s1", "s2"] }), siteCode),
    ).toBe("TG → TG, DB");
    expect(describeDetails(entry("client_details.read", { reason: "gọi lại" }), siteCode)).toBe(
      "Lý do: gọi lại",
    );
    await setLocale("en");
    expect(
      describeDetails(entry("user.created", { role: "supervisor", site_ids: [] }), siteCode),
    ).toBe("Role: Supervisor; Sites: none");
    expect(
      describeDetails(
        entry(
          "login_throttle.lifted",
          { kind: "address", failures: 20, blocked_until: null },
          { type: "address", id: "203.0.113.7", label: null },
        ),
        siteCode,
      ),
    ).toBe("Network address 203.0.113.7, 20 failures");
    expect(
      describeDetails(
        entry("user.profile_changed", { fields: ["display_name", "locale"] }),
        siteCode,
      ),
    ).toBe("Changed: display name, language");
  });

  it("name a client by the start of its id only", async () => {
    await setLocale("en");
    expect(describeTarget(entry("client_details.read", {}, { type: "client", label: null }))).toBe(
      "Client 0193a5c2…",
    );
    expect(describeTarget(entry("user.created", {}))).toBe("Account lan.tg");
  });
});
