// Supervision visits to each site by the district health centre's supervisor, with what they
// found and agreed (illustrative). Supervisors are government officers, not SCDI staff, so the
// visits name no staff member.
import type { Insertable } from "kysely";
import type { SupervisionVisitsTable } from "../db/schema.js";
import type { Random } from "./random.js";
import type { DemoSite } from "./sites.js";
import { stamp } from "./stamp.js";

const notes = [
  {
    findings:
      "Nhóm đã lập danh sách khách hàng theo mã UIC; một số phiếu tiếp cận còn thiếu ngày giới thiệu dịch vụ.",
    actions: "Điều phối viên rà soát và bổ sung phiếu trước buổi giao ban tuần sau.",
  },
  {
    findings:
      "Số khách hàng được giới thiệu xét nghiệm tăng; một số khách hàng ở xã xa chưa đến được phòng VCT.",
    actions: "Phối hợp với TTYT huyện bố trí buổi tư vấn xét nghiệm lưu động tại xã.",
  },
  {
    findings:
      "Sổ theo dõi bao cao su khớp với phiếu phát; sinh hoạt nhóm có đông khách hàng tham gia.",
    actions: "Duy trì giao ban hằng tuần; chuẩn bị số liệu báo cáo cuối dự án.",
  },
];

export function buildSupervisionVisits(
  random: Random,
  sites: readonly DemoSite[],
): Insertable<SupervisionVisitsTable>[] {
  return sites.flatMap((site) =>
    site.plan.supervisionVisits.map((visitedOn, i) => ({
      ...stamp(random, visitedOn),
      site_id: site.id,
      supervisor_id: null,
      visited_on: visitedOn,
      findings: notes[i % notes.length]!.findings,
      actions: notes[i % notes.length]!.actions,
      created_by: null,
      voided_at: null,
      void_reason: null,
    })),
  );
}
