// The team's own records: trainings (initial and refresher courses, mostly project-wide, and
// on-the-job coaching rounds at sites) with their participants, supervision visits, and targets
// per site, indicator and quarter (set near what each site went on to reach, as a planner would).
import type { Insertable } from "kysely";
import type {
  SupervisionVisitsTable,
  TargetsTable,
  TrainingParticipantsTable,
  TrainingsTable,
} from "../../src/db/schema.js";
import type { Random } from "../../src/demo/random.js";
import { items, services } from "../../src/sync/vocabulary.js";
import type { Attendances, Distributions, Referrals, Sessions } from "./activities.js";
import {
  DAYS,
  dateOfDay,
  fieldDays,
  idAt,
  momentOfDay,
  QUARTERS,
  quarterDates,
  quarterOfDay,
} from "./calendar.js";
import type { Clients, Contacts } from "./people.js";
import type { Programme } from "./setup.js";

export interface TeamWork {
  trainings: Insertable<TrainingsTable>[];
  participants: Insertable<TrainingParticipantsTable>[];
  visits: Insertable<SupervisionVisitsTable>[];
}

const titles = {
  initial: "Tập huấn ban đầu: tiếp cận cộng đồng và dự phòng HIV",
  refresher: "Tập huấn nhắc lại: tư vấn xét nghiệm và chuyển gửi",
  coaching: "Hỗ trợ kỹ thuật tại chỗ",
} as const;
const findings = [
  "Sổ sách ghi chép đầy đủ.",
  "Một số phiếu tiếp cận thiếu xã.",
  "Nhóm thiếu bao cao su cuối tháng.",
  "Tỷ lệ chuyển gửi xét nghiệm thấp.",
];
const actions = [
  "Nhắc nhóm ghi đủ địa bàn.",
  "Bổ sung vật phẩm trước ngày 25.",
  "Điều phối viên kèm cặp thêm.",
  "Không cần hành động thêm.",
];

export function drawTeamWork(random: Random, programme: Programme): TeamWork {
  const { sites, staff, size } = programme;
  const fieldStaff = staff.flatMap((m, i) =>
    m.role === "outreach_worker" || m.role === "coordinator" ? [i] : [],
  );
  const drawn = [];
  for (let t = 0; t < size.trainings; t++) {
    const draw = random.float();
    const kind = draw < 0.1 ? "initial" : draw < 0.3 ? "refresher" : "coaching";
    const s = kind === "coaching" || random.chance(0.4) ? programme.sitePick.draw(random) : -1;
    const site = sites[s];
    // Initial courses cluster in the first months, when teams were formed.
    const start =
      kind === "initial" && random.chance(0.5) ? random.int(0, 120) : fieldDays.draw(random);
    const end = Math.min(DAYS - 1, start + (kind === "coaching" ? 0 : random.int(1, 3)));
    let people: number[];
    if (site && kind === "coaching") {
      people = random.sample(site.workers, Math.min(site.workers.length, random.int(3, 8)));
    } else {
      people = random.sample(fieldStaff, random.int(15, 35));
      if (site) people = [...new Set([site.coordinator, ...site.workers, ...people])];
    }
    drawn.push({ kind, s, start, end, people, ms: momentOfDay(random, start) });
  }
  drawn.sort((a, b) => a.ms - b.ms);
  const work: TeamWork = { trainings: [], participants: [], visits: [] };
  for (const t of drawn) {
    const id = idAt(random, t.ms);
    const siteId = t.s >= 0 ? sites[t.s]!.id : null;
    work.trainings.push({
      id,
      project_id: programme.projectId,
      site_id: siteId,
      kind: t.kind as "initial" | "refresher" | "coaching",
      title: titles[t.kind as keyof typeof titles],
      starts_on: dateOfDay(t.start),
      ends_on: dateOfDay(t.end),
      venue: siteId ? "Tại địa bàn" : "Hội trường tỉnh",
      created_at: new Date(t.ms),
      updated_at: new Date(t.ms),
    });
    for (const p of t.people) {
      const at = t.ms + random.int(60_000, 3_600_000);
      work.participants.push({
        id: idAt(random, at),
        training_id: id,
        staff_id: staff[p]!.id,
        site_id: siteId ?? sites[staff[p]!.sites[0]!]!.id,
        created_at: new Date(at),
        updated_at: new Date(at),
      });
    }
  }
  const visits = Array.from({ length: size.supervisionVisits }, () => {
    const s = random.int(0, sites.length - 1);
    const day = fieldDays.draw(random);
    return { s, day, ms: momentOfDay(random, day) };
  }).sort((a, b) => a.ms - b.ms);
  for (const v of visits) {
    const site = sites[v.s]!;
    work.visits.push({
      id: idAt(random, v.ms),
      site_id: site.id,
      supervisor_id: staff[random.pick(site.supervisors)]!.id,
      visited_on: dateOfDay(v.day),
      findings: random.pick(findings),
      actions: random.pick(actions),
      created_at: new Date(v.ms),
      updated_at: new Date(v.ms),
    });
  }
  return work;
}

export interface Records {
  clients: Clients;
  contacts: Contacts;
  sessions: Sessions;
  attendances: Attendances;
  referrals: Referrals;
  distributions: Distributions;
}

const targetIndicators = [
  "people_reached",
  "contacts",
  "group_sessions",
  "group_attendances",
  "hiv_test_visits",
  "condoms_distributed",
] as const;
/** Targets are round numbers: to the nearest unit of each indicator. */
const roundTo = [10, 10, 1, 10, 5, 100];

/** Per site and quarter, near what the site reached (85–125% of it); project-wide, their sum. */
export function drawTargets(random: Random, programme: Programme, r: Records) {
  const sites = programme.sites.length;
  const cell = (site: number, day: number) => site * QUARTERS + quarterOfDay(day);
  const reached = targetIndicators.map(() => new Float64Array(sites * QUARTERS));
  const seen = new Set<number>();
  for (let x = 0; x < r.contacts.count; x++) {
    if (r.contacts.voided[x] || r.clients.voided[r.contacts.client[x]!]) continue;
    const c = cell(r.contacts.site[x]!, r.contacts.day[x]!);
    reached[1]![c]! += 1;
    const key = r.contacts.client[x]! * sites * QUARTERS + c;
    if (!seen.has(key)) {
      seen.add(key);
      reached[0]![c]! += 1;
    }
  }
  for (let g = 0; g < r.sessions.count; g++) {
    if (!r.sessions.voided[g]) reached[2]![cell(r.sessions.site[g]!, r.sessions.day[g]!)]! += 1;
  }
  for (let a = 0; a < r.attendances.count; a++) {
    const g = r.attendances.session[a]!;
    if (r.attendances.voided[a] || r.sessions.voided[g]) continue;
    reached[3]![cell(r.sessions.site[g]!, r.sessions.day[g]!)]! += 1;
  }
  const hivTest = services.indexOf("hiv_test");
  for (let x = 0; x < r.referrals.count; x++) {
    if (r.referrals.voided[x] || r.referrals.service[x] !== hivTest) continue;
    const arrived = r.referrals.arrivedDay[x]!;
    if (arrived >= 0) reached[4]![cell(r.referrals.site[x]!, arrived)]! += 1;
  }
  const condom = items.indexOf("condom");
  for (let d = 0; d < r.distributions.count; d++) {
    if (r.distributions.voided[d] || r.distributions.item[d] !== condom) continue;
    const c = cell(r.distributions.site[d]!, r.distributions.day[d]!);
    reached[5]![c]! += r.distributions.quantity[d]!;
  }

  const rows: Insertable<TargetsTable>[] = [];
  // Set before the programme started (UUIDv7 time part only; the table has no timestamps).
  const targetSetAt = momentOfDay(random, -15);
  for (let q = 0; q < QUARTERS; q++) {
    const { from, to } = quarterDates(q);
    targetIndicators.forEach((indicator, i) => {
      let sum = 0;
      for (let s = 0; s < sites; s++) {
        const aim = reached[i]![s * QUARTERS + q]! * (0.85 + 0.4 * random.float());
        const value = Math.round(aim / roundTo[i]!) * roundTo[i]!;
        sum += value;
        rows.push({
          id: idAt(random, targetSetAt),
          project_id: programme.projectId,
          site_id: programme.sites[s]!.id,
          indicator_id: indicator,
          period_start: from,
          period_end: to,
          value,
        });
      }
      rows.push({
        id: idAt(random, targetSetAt),
        project_id: programme.projectId,
        site_id: null,
        indicator_id: indicator,
        period_start: from,
        period_end: to,
        value: sum,
      });
    });
  }
  return rows;
}
