// Names of the indicators, as the public page, dashboards and reports show them.
import type { MessageSet } from "../lib/i18n.js";

const vi = {
  "indicator.people_reached": "Số khách hàng được tiếp cận",
  "indicator.contacts": "Số lượt tiếp cận",
  "indicator.group_sessions": "Số buổi sinh hoạt nhóm",
  "indicator.group_attendances": "Số lượt khách hàng đến sinh hoạt nhóm",
  "indicator.hiv_test_visits": "Số lượt khách hàng đi xét nghiệm HIV (VCT)",
  "indicator.condoms_distributed": "Số bao cao su được phát ra",
  "indicator.trainings": "Số khóa tập huấn",
  "indicator.people_trained": "Số người được tập huấn",
  "indicator.coaching_rounds": "Số đợt đào tạo cầm tay chỉ việc",
  "indicator.communes_covered": "Số xã, phường được bao phủ",
  "indicator.communes_in_area": "Số xã, phường trên địa bàn",
  "indicator.population_size_estimate": "Ước tính số đối tượng đích",
  "indicator.reach_vs_estimate": "Tỷ lệ tiếp cận so với ước tính",
} as const;

const en: Record<keyof typeof vi, string> = {
  "indicator.people_reached": "People reached",
  "indicator.contacts": "Outreach contacts",
  "indicator.group_sessions": "Group meetings",
  "indicator.group_attendances": "Attendances at group meetings",
  "indicator.hiv_test_visits": "Visits to HIV testing (VCT)",
  "indicator.condoms_distributed": "Condoms distributed",
  "indicator.trainings": "Trainings",
  "indicator.people_trained": "People trained",
  "indicator.coaching_rounds": "On-the-job coaching rounds",
  "indicator.communes_covered": "Communes covered",
  "indicator.communes_in_area": "Communes in the area",
  "indicator.population_size_estimate": "Estimated target population",
  "indicator.reach_vs_estimate": "Reach against the estimate",
};

export const indicatorMessages: MessageSet<keyof typeof vi> = { vi, en };
