// A device's push in tests: at a fixed time, with a test key for client details, and each
// rejection described as "code:field" so a test can compare it without a translation.
import type { SessionUser } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { deriveKey } from "../lib/crypto.js";
import { newId } from "../lib/ids.js";
import type { TPushRequest } from "../sync/protocol.js";
import { type PushOptions, pushChanges } from "../sync/push.js";

export const testPushOptions: PushOptions = {
  now: new Date("2026-11-23T03:00:00Z"),
  clientDetailsKey: deriveKey("a test secret that is long enough to use", "client-details"),
  describe: (r) => `${r.code}:${r.field ?? ""}`,
};

/** The answers to `changes` pushed by `user` from a device the server has not seen before. */
export async function pushFromNewDevice(
  db: Db,
  user: SessionUser,
  changes: TPushRequest["changes"],
) {
  return (await pushChanges(db, user, { device_id: newId(), changes }, testPushOptions)).results;
}
