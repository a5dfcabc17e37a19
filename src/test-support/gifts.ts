// For tests only: gifts that arrived (a pledge from the donate form's service, then the gift as a
// bank line would record it) and project expenses, which no API posts yet, posted through the
// ledger's service as the finance screens will.
import type { Db } from "../db/connection.js";
import { bankAccount, createPledge, recordGift } from "../donations/service.js";
import { postTransaction, projectFund } from "../ledger/service.js";
import { newId } from "../lib/ids.js";

export async function giveToProject(
  db: Db,
  detailsKey: Buffer,
  gift: { projectId: string; receivedOn: string; amount: number; name?: string; named?: boolean },
): Promise<void> {
  const pledge = await createPledge(
    { db, detailsKey, now: () => new Date() },
    {
      projectId: gift.projectId,
      amount: gift.amount,
      method: "vietqr",
      locale: "vi",
      named: gift.named ?? false,
      name: gift.name ?? null,
      email: null,
    },
  );
  await db.transaction().execute((trx) =>
    recordGift(
      trx,
      {
        pledgeId: pledge.id,
        projectId: gift.projectId,
        amount: gift.amount,
        receivedOn: gift.receivedOn,
        channel: "bank",
        sourceKey: `line:${newId()}`,
        debitAccount: bankAccount,
      },
      new Date(),
    ),
  );
}

export async function spendFromProject(
  db: Db,
  projectId: string,
  occurredOn: string,
  amount: number,
): Promise<void> {
  await postTransaction(db, {
    kind: "expense",
    occurredOn,
    memo: "outreach workers' allowances",
    entries: [
      { account: projectFund(projectId), amount },
      { account: bankAccount, amount: -amount },
    ],
  });
}
