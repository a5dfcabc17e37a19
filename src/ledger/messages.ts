// Messages of the ledger, in Vietnamese and English (reason keys, said inside an error).
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "reason.already_reversed": "bút toán này đã được đảo hoặc chính nó là một bút toán đảo",
} as const;

const en: Record<keyof typeof vi, string> = {
  "reason.already_reversed": "this transaction has already been reversed, or is itself a reversal",
};

export const ledgerMessages: MessageSet<keyof typeof vi> = { vi, en };
