// One record of every type a phone can create, linked as the app's screens link them (a contact
// of the client, condoms given at that contact, a session the client attended, a training and a
// coaching round with their participants): for tests that check nothing is rewritten or lost on
// the way to the server.
import type { RecordType } from "../db/database.js";
import type { ChangeInput } from "../db/record-changes.js";
import { newId } from "../lib/ids.js";

export interface Places {
  siteId: string;
  projectId: string;
  communeId: string | null;
  /** Staff members who take part in the training (anyone but the person recording, too). */
  participants: readonly string[];
}

export function oneOfEveryType(places: Places): ChangeInput[] {
  const { siteId, projectId, communeId } = places;
  const clientId = newId();
  const contactId = newId();
  const sessionId = newId();
  const trainingId = newId();
  const coachingId = newId();
  const create = (type: RecordType, record: { id: string } & Record<string, unknown>) =>
    ({ type, op: "create", record }) satisfies ChangeInput;
  return [
    create("client", {
      id: clientId,
      site_id: siteId,
      uic: "NGVA285",
      sex: "female",
      birth_year: 1985,
      population_group: "sex_worker",
      home_commune_id: communeId,
      registered_on: "2026-03-02",
      name: "Nguyễn Thị Vân",
      phone: "0912 345 678",
    }),
    create("contact", {
      id: contactId,
      site_id: siteId,
      client_id: clientId,
      contact_date: "2026-03-02",
      commune_id: communeId,
      topics: ["condom_use", "hiv_testing"],
    }),
    create("commodity_distribution", {
      id: newId(),
      site_id: siteId,
      item: "condom",
      quantity: 12,
      distributed_on: "2026-03-02",
      client_id: clientId,
      contact_id: contactId,
      group_session_id: null,
    }),
    create("referral", {
      id: newId(),
      site_id: siteId,
      client_id: clientId,
      service: "hiv_test",
      facility: "TTYT Tuần Giáo",
      referred_on: "2026-03-02",
      arrived_on: null,
      result: null,
      result_on: null,
    }),
    create("group_session", {
      id: sessionId,
      site_id: siteId,
      held_on: "2026-03-03",
      commune_id: communeId,
      topic: "Dự phòng lây nhiễm",
    }),
    create("group_attendance", {
      id: newId(),
      site_id: siteId,
      session_id: sessionId,
      client_id: clientId,
    }),
    create("training", {
      id: trainingId,
      project_id: projectId,
      site_id: siteId,
      kind: "initial",
      title: "Tư vấn xét nghiệm HIV",
      starts_on: "2026-03-04",
      ends_on: "2026-03-05",
      venue: "Hội trường huyện",
    }),
    ...places.participants.map((staffId) =>
      create("training_participant", {
        id: newId(),
        site_id: siteId,
        training_id: trainingId,
        staff_id: staffId,
      }),
    ),
    create("training", {
      id: coachingId,
      project_id: projectId,
      site_id: siteId,
      kind: "coaching",
      title: "Cầm tay chỉ việc: ghi sổ",
      starts_on: "2026-03-06",
      ends_on: "2026-03-06",
      venue: "",
    }),
    create("training_participant", {
      id: newId(),
      site_id: siteId,
      training_id: coachingId,
      staff_id: places.participants.at(-1)!,
    }),
    create("supervision_visit", {
      id: newId(),
      site_id: siteId,
      visited_on: "2026-03-07",
      findings: "Sổ ghi chép đầy đủ.",
      actions: "Nhắc lịch chuyển gửi.",
    }),
  ];
}
