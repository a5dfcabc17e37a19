// Writing what a push decided: new records with one INSERT per table, updates at their base
// version, then the answers of changes repeated in the batch, and receipts for retries. Should the database refuse a write the checks did not foresee, it
// rolls back to a savepoint and writes change by change, refusing only the bad one.
import { recordTypes, type SessionUser } from "../auth/policy.js";
import type { Db } from "../db/connection.js";
import { AppError } from "../lib/errors.js";
import { sealClientDetails } from "../people/details.js";
import { answerRepeats, type Decision, type Plan } from "./decide.js";
import {
  insertReceipts,
  insertRows,
  sqlRelease,
  sqlRollbackTo,
  sqlSavepoint,
  updateRowAtVersion,
} from "./queries.js";
import { recordConfigs } from "./records.js";
import type { Rejection } from "./validate.js";

export interface WriteOptions {
  clientDetailsKey: Buffer;
  describe: (rejection: Rejection) => string;
}

/** Details (name, phone) are sealed here, so plaintext never reaches a table. */
function withSealedDetails(plan: Plan, key: Buffer): Record<string, unknown> {
  const target = plan.kind === "insert" ? { ...plan.row } : { ...plan.values };
  if (plan.change.type !== "client") return target;
  const { name, phone } = plan.change.record as { name?: string; phone?: string };
  if (plan.kind === "update" && name === undefined && phone === undefined) return target;
  return { ...target, ...sealClientDetails(key, plan.change.recordId, { name, phone }) };
}

export async function write(
  trx: Db,
  user: SessionUser,
  decisions: Decision[],
  options: WriteOptions,
): Promise<void> {
  try {
    await sqlSavepoint(trx, "fast");
    await writeFast(trx, decisions, options);
    await sqlRelease(trx, "fast");
  } catch (error) {
    if (!refusedByDatabase(error)) throw error;
    await sqlRollbackTo(trx, "fast");
    await writeCarefully(trx, decisions, options);
  }
  answerRepeats(decisions);
  await insertReceipts(
    trx,
    decisions.flatMap((d) =>
      d.receipt && d.result.status !== "rejected"
        ? [
            {
              change_id: d.receipt.change.id,
              user_id: user.id,
              record_type: d.receipt.change.type,
              record_id: d.receipt.change.recordId,
              content_hash: d.receipt.change.contentHash,
              status: d.receipt.status,
              version: d.result.version ?? null,
            },
          ]
        : [],
    ),
  );
}

async function writeFast(trx: Db, decisions: Decision[], options: WriteOptions): Promise<void> {
  for (const type of recordTypes) {
    const inserts = decisions.filter(
      (d) => d.plan?.kind === "insert" && d.plan.change.type === type,
    );
    const table = recordConfigs[type].table;
    for (let start = 0; start < inserts.length; start += 500) {
      const chunk = inserts.slice(start, start + 500);
      const written = await insertRows(
        trx,
        table,
        chunk.map((d) => withSealedDetails(d.plan!, options.clientDetailsKey)),
      );
      const versions = new Map(written.map((w) => [w.id, w.version]));
      for (const d of chunk) d.result.version = versions.get(d.plan!.change.recordId);
    }
  }
  for (const d of decisions) {
    if (d.plan?.kind !== "update") continue;
    await applyUpdate(trx, d, options);
  }
}

async function applyUpdate(trx: Db, d: Decision, options: WriteOptions): Promise<void> {
  const plan = d.plan as Extract<Plan, { kind: "update" }>;
  const table = recordConfigs[plan.change.type].table;
  const version = await updateRowAtVersion(
    trx,
    table,
    plan.change.recordId,
    plan.change.baseVersion!,
    withSealedDetails(plan, options.clientDetailsKey),
  );
  if (version === undefined) throw new Error("record changed during the push");
  d.result.version = version;
}

/**
 * The database refused a write (a constraint, a trigger's check), as opposed to the request being
 * stopped (its statement ran past its limit, the database went away): those are AppErrors, and
 * they end the whole push, so no change is answered "rejected" for what was not its fault.
 */
const refusedByDatabase = (error: unknown) => !(error instanceof AppError);

/** One change at a time, each in a savepoint: a change the database refuses is rejected alone. */
async function writeCarefully(
  trx: Db,
  decisions: Decision[],
  options: WriteOptions,
): Promise<void> {
  for (const [index, d] of decisions.entries()) {
    if (!d.plan) continue;
    const name = `change_${index}`;
    await sqlSavepoint(trx, name);
    try {
      if (d.plan.kind === "insert") {
        const [written] = await insertRows(trx, recordConfigs[d.plan.change.type].table, [
          withSealedDetails(d.plan, options.clientDetailsKey),
        ]);
        d.result.version = written?.version;
      } else {
        await applyUpdate(trx, d, options);
      }
      await sqlRelease(trx, name);
    } catch (error) {
      if (!refusedByDatabase(error)) throw error;
      await sqlRollbackTo(trx, name);
      const rejection: Rejection = { code: "database_refused" };
      d.result = {
        id: d.result.id,
        status: "rejected",
        code: rejection.code,
        message: options.describe(rejection),
      };
      d.receipt = undefined;
    }
  }
}
