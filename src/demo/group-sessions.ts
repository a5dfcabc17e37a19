// Group meetings (sinh hoạt nhóm) led by each site's coordinator, attended by clients the site
// had already registered.
import type { Insertable } from "kysely";
import type { DateString, GroupAttendancesTable, GroupSessionsTable } from "../db/schema.js";
import type { DemoClient } from "./clients.js";
import type { Random } from "./random.js";
import { type DemoSite, drawCommune } from "./sites.js";
import { coordinatorOf, type DemoStaff, type DemoTeam } from "./staff.js";
import { stamp, stampAfter } from "./stamp.js";

export interface DemoGroupSession {
  id: string;
  site: DemoSite;
  facilitator: DemoStaff;
  heldOn: DateString;
  createdAt: Date;
  attendees: DemoClient[];
  row: Insertable<GroupSessionsTable>;
  attendanceRows: Insertable<GroupAttendancesTable>[];
}

const topics = [
  "Lây truyền HIV qua quan hệ tình dục và cách phòng tránh",
  "Sử dụng bao cao su đúng cách",
  "Tư vấn xét nghiệm HIV tự nguyện: vì sao và ở đâu",
  "Điều trị Methadone cho chồng, bạn tình sử dụng ma túy",
  "Sức khỏe sinh sản và các nhiễm khuẩn lây truyền qua đường tình dục",
];

export function buildGroupSessions(
  random: Random,
  site: DemoSite,
  clients: readonly DemoClient[],
  team: DemoTeam,
): DemoGroupSession[] {
  const facilitator = coordinatorOf(team, site);
  return site.plan.groupSessions.map((planned, index) => {
    const eligible = clients.filter((c) => c.firstContactOn <= planned.heldOn);
    if (eligible.length < planned.attendees) {
      throw new Error(
        `site ${site.plan.code} has ${eligible.length} clients by ${planned.heldOn}, fewer than the ${planned.attendees} planned attendees`,
      );
    }
    const saved = stamp(random, planned.heldOn);
    const attendees = random.sample(eligible, planned.attendees);
    return {
      id: saved.id,
      site,
      facilitator,
      heldOn: planned.heldOn,
      createdAt: saved.created_at,
      attendees,
      row: {
        ...saved,
        site_id: site.id,
        held_on: planned.heldOn,
        commune_id: drawCommune(random, site).id,
        facilitator_id: facilitator.id,
        topic: topics[index % topics.length]!,
        created_by: null,
        voided_at: null,
        void_reason: null,
      },
      attendanceRows: attendees.map((client, i) => ({
        ...stampAfter(random, saved.created_at, i + 1),
        site_id: site.id,
        session_id: saved.id,
        client_id: client.id,
        created_by: null,
        voided_at: null,
        void_reason: null,
      })),
    };
  });
}
