// What the allocation and expense screens decide apart from how they look: a request key for a
// form (kept across retries so a save whose answer was lost posts nothing twice), which form field
// a server's refusal is about, and how a posting stands (reversed, or itself a reversal).
import type { FundPosting } from "./types.js";

/** A new request key: 22 random letters, digits, "-" or "_" (the server takes 8 to 80). */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export type PostingField = "project" | "amount" | "date" | "memo";

/** The form field a refused parameter is about; undefined for one the form does not show. */
export function fieldOfParameter(parameter: string | undefined): PostingField | undefined {
  switch (parameter) {
    case "project_slug":
      return "project";
    case "amount":
      return "amount";
    case "occurred_on":
      return "date";
    case "memo":
      return "memo";
    default:
      return undefined;
  }
}

export type PostingState = "standing" | "reversed" | "reversal";

export function postingState(posting: FundPosting): PostingState {
  if (posting.kind === "reversal") return "reversal";
  return posting.reversed_by ? "reversed" : "standing";
}

/** The list after a reversal was posted: the reversal first, and what it undid marked reversed. */
export function withReversal(postings: readonly FundPosting[], reversal: FundPosting) {
  return [
    reversal,
    ...postings
      .filter((p) => p.id !== reversal.id)
      .map((p) => (p.id === reversal.reverses ? { ...p, reversed_by: reversal.id } : p)),
  ];
}
