// Commodities handed out: condoms during contacts and at group meetings (exactly the seed's 500
// in the period), and a leaflet for everyone at a group meeting.
import type { Insertable } from "kysely";
import type { CommodityDistributionsTable, CommodityItem } from "../db/schema.js";
import type { DemoContact } from "./contacts.js";
import type { DemoGroupSession } from "./group-sessions.js";
import type { Random } from "./random.js";
import { stampAfter } from "./stamp.js";

export type DistributionRow = Insertable<CommodityDistributionsTable> & {
  id: string;
  quantity: number;
};

export function distributionAtContact(
  random: Random,
  contact: DemoContact,
  item: CommodityItem,
  quantity: number,
): DistributionRow {
  return {
    ...stampAfter(random, contact.createdAt, random.int(1, 8)),
    site_id: contact.site.id,
    item,
    quantity,
    distributed_on: contact.date,
    client_id: contact.client.id,
    contact_id: contact.id,
    group_session_id: null,
    staff_id: contact.staff.id,
    created_by: null,
    voided_at: null,
    void_reason: null,
  };
}

function distributionAtSession(
  random: Random,
  session: DemoGroupSession,
  item: CommodityItem,
  quantity: number,
): DistributionRow {
  return {
    ...stampAfter(random, session.createdAt, random.int(30, 90)),
    site_id: session.site.id,
    item,
    quantity,
    distributed_on: session.heldOn,
    client_id: null,
    contact_id: null,
    group_session_id: session.id,
    staff_id: session.facilitator.id,
    created_by: null,
    voided_at: null,
    void_reason: null,
  };
}

/** Condoms given at one contact: a few, now and then a box of ten. */
function drawHandful(random: Random): number {
  const sizes = [2, 3, 4, 5, 6, 10];
  const weights = [3, 3, 2, 2, 1, 1];
  return random.weighted(sizes, (n) => weights[sizes.indexOf(n)]!);
}

/**
 * Condoms totalling exactly `total`: a supply at every group meeting, the rest handed out at
 * contacts until none are left. Plus one leaflet per attendee at each meeting.
 */
export function buildDistributions(
  random: Random,
  contacts: readonly DemoContact[],
  sessions: readonly DemoGroupSession[],
  total: number,
): DistributionRow[] {
  const rows = sessions.flatMap((session) => [
    distributionAtSession(random, session, "condom", random.pick([10, 12, 15, 20])),
    distributionAtSession(random, session, "leaflet", session.attendees.length),
  ]);
  let left =
    total - rows.filter((r) => r.item === "condom").reduce((sum, r) => sum + r.quantity, 0);
  for (const contact of random.shuffle(contacts)) {
    if (left <= 0) break;
    if (!contact.row.topics?.includes("condom_use")) continue;
    const quantity = Math.min(drawHandful(random), left);
    rows.push(distributionAtContact(random, contact, "condom", quantity));
    left -= quantity;
  }
  if (left !== 0) throw new Error(`${left} condoms could not be handed out at contacts`);
  return rows;
}
