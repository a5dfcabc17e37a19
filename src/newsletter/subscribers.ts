// Subscribers of the newsletter: sign-up with double opt-in, confirmation, preferences, leaving,
// and a person's data (export and erasure). An address is stored only encrypted and found by its
// keyed hash; every consent — what the person was shown, when, from which page, in which
// language — is recorded. Sign-ups are counted per address and per network, and a form whose
// hidden field a robot filled in is answered like any other and does nothing.
import type { Db } from "../db/connection.js";
import type { SubscriberStatus } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import type { Locale } from "../lib/i18n.js";
import { newId } from "../lib/ids.js";
import { networkKey } from "../lib/network.js";
import { forgetOldAttempts, type RateLimit, takeAttempt } from "../lib/rate-limit.js";
import { openAddress, sealAddress } from "../mail/address.js";
import type { Mailer } from "../mail/service.js";
import { translator } from "../messages.js";
import { getOrganisation } from "../programmes/service.js";
import { absoluteUrl, newsletterPath } from "../site/paths.js";
import {
  deleteSubscriber,
  findSubscriber,
  findSubscriberByHash,
  insertConsent,
  insertSubscriber,
  listConsents,
  updateSubscriber,
} from "./queries.js";
import { renderConfirmationMail } from "./render.js";
import {
  CONFIRM_TTL_MS,
  confirmToken,
  readConfirmToken,
  readSubscriberToken,
  subscriberToken,
} from "./tokens.js";

/** What the newsletter needs besides the database: the mail service, its key, the site's address. */
export interface NewsletterContext {
  mailer: Mailer;
  linkKey: Buffer;
  publicUrl: string;
}

const HOUR = 60 * 60_000;
/** Sign-ups of one address per hour: a few mistakes, not a way to flood someone's mailbox. */
export const ADDRESS_ATTEMPTS_PER_HOUR = 3;
/** Sign-ups from one network (an IPv4 /24, an IPv6 /64) per hour: an office or a café. */
export const NETWORK_ATTEMPTS_PER_HOUR = 30;

/** A client address's network: IPv4 by its /24, IPv6 by its /64. */
export function networkOf(ip: string): string {
  return networkKey(ip, 24);
}

const signUpsPerNetwork: RateLimit = {
  limit: NETWORK_ATTEMPTS_PER_HOUR,
  windowMs: HOUR,
  reason: "too_many_sign_ups",
};
const signUpsPerAddress: RateLimit = {
  limit: ADDRESS_ATTEMPTS_PER_HOUR,
  windowMs: HOUR,
  reason: "too_many_sign_ups",
};

export interface SignUp {
  address: string;
  locale: Locale;
  topics: string[];
  /** The page the form was on (its path). */
  page: string;
  /** The hidden field people leave empty. */
  honeypot: string;
  /** The client's IP address (never stored: its network is counted). */
  ip: string;
}

/**
 * A sign-up: a pending subscriber (or one who left, asking again) gets a confirmation link by
 * mail; nothing else is sent before they open it. The answer is the same whatever the address's
 * state, so the form tells nobody who is subscribed.
 */
export async function signUp(db: Db, context: NewsletterContext, input: SignUp, now: Date) {
  if (input.honeypot !== "") return;
  const hash = context.mailer.hash(input.address);
  await forgetOldAttempts(db, new Date(now.getTime() - HOUR));
  await takeAttempt(db, `network:${networkOf(input.ip)}`, signUpsPerNetwork, now);
  await takeAttempt(db, `address:${hash}`, signUpsPerAddress, now);
  const shown = translator(input.locale).t("newsletter.form.consent");
  await db.transaction().execute(async (trx) => {
    const existing = await findSubscriberByHash(trx, hash);
    if (existing?.status === "confirmed") return;
    const id = existing?.id ?? newId();
    if (existing) {
      await updateSubscriber(
        trx,
        id,
        { locale: input.locale, topics: input.topics, status: "pending", left_at: null },
        now,
      );
    } else {
      await insertSubscriber(trx, {
        id,
        address_hash: hash,
        address: sealAddress(context.mailer.sealKey, input.address, id),
        locale: input.locale,
        topics: input.topics,
        now,
      });
    }
    await insertConsent(trx, {
      subscriber_id: id,
      event: "requested",
      locale: input.locale,
      page: input.page.slice(0, 500),
      shown_text: shown,
      topics: input.topics,
      at: now,
    });
    const link = absoluteUrl(
      context.publicUrl,
      newsletterPath(
        input.locale,
        "confirm",
        confirmToken(context.linkKey, id, new Date(now.getTime() + CONFIRM_TTL_MS)),
      ),
    );
    const organisation = await getOrganisation(trx);
    await context.mailer.send(
      trx,
      { to: input.address, content: renderConfirmationMail(input.locale, organisation, link) },
      now,
    );
  });
  context.mailer.wake();
}

/** Opens a confirmation link: the subscriber is confirmed; undefined when the link is not valid. */
export async function confirm(db: Db, context: NewsletterContext, token: string, now: Date) {
  const id = readConfirmToken(context.linkKey, token, now);
  if (!id) return undefined;
  return db.transaction().execute(async (trx) => {
    const subscriber = await findSubscriber(trx, id);
    if (!subscriber) return undefined;
    if (subscriber.status !== "confirmed") {
      await updateSubscriber(
        trx,
        id,
        { status: "confirmed", confirmed_at: now, left_at: null },
        now,
      );
      await insertConsent(trx, {
        subscriber_id: id,
        event: "confirmed",
        locale: subscriber.locale,
        page: null,
        shown_text: translator(subscriber.locale).t("newsletter.form.consent"),
        topics: subscriber.topics,
        at: now,
      });
    }
    return { token: subscriberToken(context.linkKey, id), locale: subscriber.locale };
  });
}

export interface SubscriberView {
  id: string;
  token: string;
  locale: Locale;
  topics: string[];
  status: SubscriberStatus;
}

/** The subscriber a link of theirs names, or undefined (a wrong link, or erased). */
export async function findByToken(
  db: Db,
  context: NewsletterContext,
  token: string,
): Promise<SubscriberView | undefined> {
  const id = readSubscriberToken(context.linkKey, token);
  if (!id) return undefined;
  const row = await findSubscriber(db, id);
  return row
    ? { id, token, locale: row.locale, topics: row.topics, status: row.status }
    : undefined;
}

export interface Preferences {
  locale: Locale;
  topics: string[];
}

/** Saves a subscriber's language and topics; one who had left is subscribed again. */
export async function savePreferences(
  db: Db,
  subscriber: SubscriberView,
  preferences: Preferences,
  now: Date,
) {
  await db.transaction().execute(async (trx) => {
    const rejoins = subscriber.status === "left";
    await updateSubscriber(
      trx,
      subscriber.id,
      {
        ...preferences,
        ...(rejoins ? { status: "confirmed" as const, left_at: null, confirmed_at: now } : {}),
      },
      now,
    );
    await insertConsent(trx, {
      subscriber_id: subscriber.id,
      event: rejoins ? "confirmed" : "changed",
      locale: preferences.locale,
      page: null,
      shown_text: translator(preferences.locale).t("newsletter.form.consent"),
      topics: preferences.topics,
      at: now,
    });
  });
}

/** Leaves the list (a one-click unsubscribe, the button): idempotent. */
export async function leave(db: Db, subscriber: SubscriberView, now: Date) {
  if (subscriber.status === "left") return;
  await db.transaction().execute(async (trx) => {
    await updateSubscriber(trx, subscriber.id, { status: "left", left_at: now }, now);
    await insertConsent(trx, {
      subscriber_id: subscriber.id,
      event: "left",
      locale: subscriber.locale,
      page: null,
      shown_text: translator(subscriber.locale).t("newsletter.unsubscribe.done"),
      topics: subscriber.topics,
      at: now,
    });
  });
}

/** Everything kept about a subscriber, as one JSON document (a request for their data). */
export async function exportSubscriber(db: Db, context: NewsletterContext, id: string) {
  const row = await findSubscriber(db, id);
  if (!row) throw new AppError("not_found", { detail: "no such subscriber" });
  const address = openAddress(context.mailer.sealKey, row.address, row.id);
  const [consents, mail] = await Promise.all([
    listConsents(db, id),
    context.mailer.describe(db, address),
  ]);
  return {
    address,
    locale: row.locale,
    topics: row.topics,
    status: row.status,
    subscribed_at: row.created_at,
    confirmed_at: row.confirmed_at,
    left_at: row.left_at,
    consents,
    messages: mail.messages,
    delivery_failures: mail.suppression,
  };
}

/** Erasure: the subscriber, their consents, and everything the mail queue holds of the address. */
export async function eraseSubscriber(db: Db, context: NewsletterContext, id: string) {
  await db.transaction().execute(async (trx) => {
    const row = await findSubscriber(trx, id);
    if (!row) throw new AppError("not_found", { detail: "no such subscriber" });
    const address = openAddress(context.mailer.sealKey, row.address, row.id);
    await context.mailer.forget(trx, address);
    await deleteSubscriber(trx, id);
  });
}

/** The subscriber of an address (an administrator answering a request), or not_found. */
export async function findIdByAddress(
  db: Db,
  context: NewsletterContext,
  address: string,
): Promise<string> {
  const row = await findSubscriberByHash(db, context.mailer.hash(address));
  if (!row) throw new AppError("not_found", { detail: "no subscriber with this address" });
  return row.id;
}
