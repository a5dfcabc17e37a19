// What the app must know before its store is open, kept where it can be read at once
// (localStorage): whether the store holds anyone's sign-in (a session, or the check for signing in
// offline) and the language. A phone nobody has signed in on shows the sign-in screen at once and
// opens the store — Dexie, in a file of its own — just after (main.tsx); a phone someone has signed
// in on opens the store first, so it goes straight to Home (or to the sign-in screen with their
// name) without a flash of the wrong screen. Only these two values: never a name, an id or
// anything else personal. The store stays the truth: the hint only chooses what to wait for.
import type { Locale } from "../i18n/i18n.js";

export interface StartHint {
  /** The store holds a session or an offline sign-in check: the first screen depends on it. */
  signedIn: boolean;
  locale: Locale;
}

export const startHintKey = "peerlink.start";

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    // Storage refused (a private mode, a policy): the app opens its store first, as before.
    return undefined;
  }
};

/** The hint, or undefined when none was written on this phone (or it cannot be read). */
export function readStartHint(): StartHint | undefined {
  try {
    const value = JSON.parse(storage()?.getItem(startHintKey) ?? "null") as unknown;
    if (typeof value !== "object" || value === null) return undefined;
    const { signedIn, locale } = value as Record<string, unknown>;
    if (typeof signedIn !== "boolean" || (locale !== "vi" && locale !== "en")) return undefined;
    return { signedIn, locale };
  } catch {
    return undefined;
  }
}

/** Changes part of the hint (the rest as it was, or the defaults: nobody, Vietnamese). */
export function writeStartHint(change: Partial<StartHint>): void {
  const hint: StartHint = { signedIn: false, locale: "vi", ...readStartHint(), ...change };
  try {
    storage()?.setItem(startHintKey, JSON.stringify(hint));
  } catch {
    // Full or refused: the next start opens the store first, which is only slower.
  }
}
