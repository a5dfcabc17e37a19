// Finding a gift among those of a period: a donor calling about a receipt knows the reference
// they wrote in the transfer, the amount, or the receipt's number — any of those finds it, typed
// with or without dots, spaces and diacritics.
import type { Gift } from "./types.js";

const plain = (text: string) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gi, "d").toLowerCase();

/** Whether the gift is one the search names: by receipt, reference, amount or project. */
export function giftMatches(gift: Gift, search: string): boolean {
  const words = plain(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const facts = [
    gift.receipt,
    String(gift.receipt_number),
    gift.pledge_reference ?? "",
    String(gift.amount),
    gift.project?.name.vi ?? "",
    gift.project?.name.en ?? "",
  ].map(plain);
  return words.every((word) => {
    // "150.000" or "150,000" is the amount 150000; "12/2026" a receipt.
    const digits = /^\d{1,3}([.,]\d{3})+$/.test(word) ? word.replace(/[.,]/g, "") : word;
    return facts.some((fact) => fact.includes(digits));
  });
}

/** How many gifts one page of the list shows. */
export const GIFTS_PAGE = 50;
/** The most gifts asked of the server for one period (it allows 1,000). */
export const GIFTS_LIMIT = 500;
