// Training of the team: two initial courses in July 2011 for the whole team (every one of the 19
// people attended at least one; the coordinators attended both) and two rounds of on-the-job
// coaching at each site, for the staff still working there.
import type { Insertable } from "kysely";
import type {
  DateString,
  TrainingKind,
  TrainingParticipantsTable,
  TrainingsTable,
} from "../db/schema.js";
import { addDays } from "./calendar.js";
import type { Random } from "./random.js";
import type { DemoSite } from "./sites.js";
import { type DemoStaff, type DemoTeam, staffOn } from "./staff.js";
import { stamp, stampAfter } from "./stamp.js";

export interface DemoTrainings {
  rows: Insertable<TrainingsTable>[];
  participantRows: Insertable<TrainingParticipantsTable>[];
}

interface Course {
  kind: TrainingKind;
  site: DemoSite | null;
  title: string;
  startsOn: DateString;
  days: number;
  venue: string;
  participants: DemoStaff[];
}

function initialCourses(sites: readonly DemoSite[], team: DemoTeam): Course[] {
  const city = sites.filter((s) => s.plan.code !== "TG");
  const tuanGiao = sites.filter((s) => s.plan.code === "TG");
  const coordinators = team.staff.filter((m) => m.role === "coordinator");
  const of = (group: readonly DemoSite[]) => team.staff.filter((m) => group.includes(m.site));
  const title =
    "Tập huấn ban đầu: tiếp cận và giới thiệu dịch vụ cho bạn tình của người sử dụng ma túy";
  return [
    {
      kind: "initial",
      site: null,
      title,
      startsOn: "2011-07-11",
      days: 3,
      venue: "Trung tâm Phòng chống HIV/AIDS tỉnh Điện Biên, thành phố Điện Biên Phủ",
      participants: [...new Set([...of(city), ...coordinators])],
    },
    {
      kind: "initial",
      site: null,
      title,
      startsOn: "2011-07-18",
      days: 3,
      venue: "Trung tâm Y tế huyện Tuần Giáo",
      participants: [...new Set([...of(tuanGiao), ...coordinators])],
    },
  ];
}

function coachingRounds(sites: readonly DemoSite[], team: DemoTeam): Course[] {
  return sites.flatMap((site) =>
    site.plan.coachingRounds.map((startsOn, round) => ({
      kind: "coaching" as const,
      site,
      title: `Đào tạo cầm tay chỉ việc lần ${round + 1} – ${site.plan.name.vi}`,
      startsOn,
      days: 2,
      venue: "Văn phòng nhóm và tại thực địa",
      participants: staffOn(team, site, startsOn),
    })),
  );
}

export function buildTrainings(
  random: Random,
  projectId: string,
  sites: readonly DemoSite[],
  team: DemoTeam,
): DemoTrainings {
  const result: DemoTrainings = { rows: [], participantRows: [] };
  for (const course of [...initialCourses(sites, team), ...coachingRounds(sites, team)]) {
    const endsOn = addDays(course.startsOn, course.days - 1);
    // Recorded on the last day, when the attendance list is final.
    const saved = stamp(random, endsOn);
    result.rows.push({
      ...saved,
      project_id: projectId,
      site_id: course.site?.id ?? null,
      kind: course.kind,
      title: course.title,
      starts_on: course.startsOn,
      ends_on: endsOn,
      venue: course.venue,
      created_by: null,
      voided_at: null,
      void_reason: null,
    });
    course.participants.forEach((member, i) => {
      result.participantRows.push({
        ...stampAfter(random, saved.created_at, i + 1),
        training_id: saved.id,
        staff_id: member.id,
        created_by: null,
        voided_at: null,
        void_reason: null,
      });
    });
  }
  return result;
}
