// What the demo reproduces: the seed project's three sites and the figures its page reports,
// split by site. The generators draw records to fit these numbers exactly; the demo tests check
// the records against the seed's totals with their own SQL.
import type { DateString, ReferralService } from "../db/schema.js";
import type { LocalisedText } from "./seed-texts.js";

export type SiteCode = "DBP" | "DB" | "TG";

/** PrEP was not offered in Việt Nam in 2011; the demo refers to every other service. */
export type DemoService = Exclude<ReferralService, "prep">;

export interface SitePlan {
  code: SiteCode;
  /** GSO code of the district (before the 2025 reform) the site works in. */
  districtCode: string;
  name: LocalisedText;
  /** How staff codes name the site, e.g. "TCV H. Tuần Giáo 3". */
  shortName: string;
  populationSizeEstimate: number;
  /** The communes the team reached, with how much of its work happened in each. */
  coveredCommunes: ReadonlyArray<readonly [code: string, weight: number]>;
  /** First day of field work: after the site's team was trained. */
  fieldWorkStarts: DateString;
  outreachWorkers: number;
  /** Clients registered at the site; each has one contact there in the period. */
  clients: number;
  /** Of those, how many were contacted a second time. */
  secondContacts: number;
  groupSessions: ReadonlyArray<{ heldOn: DateString; attendees: number }>;
  /** HIV-test referrals that arrived at the testing service in the period ("VCT visits"). */
  hivTests: number;
  /** Of those, how many tested positive (each is then referred to treatment). */
  positives: number;
  /** Of the positives, how many arrived at the treatment clinic in the period. */
  linkedToTreatment: number;
  /** HIV-test referrals made late in the period that had not arrived by its end. */
  hivTestsPending: number;
  otherReferrals: { sti: number; mmt: number; srh: number };
  /** Services the site refers to (Vietnamese names, as a worker writes them). */
  facilities: Record<DemoService, string>;
  coachingRounds: readonly [DateString, DateString];
  supervisionVisits: readonly DateString[];
}

const provincialServices = {
  art: "Phòng khám ngoại trú (OPC), Bệnh viện Đa khoa tỉnh Điện Biên",
  mmt: "Cơ sở điều trị Methadone huyện Điện Biên",
};

export const sitePlans: readonly SitePlan[] = [
  {
    code: "DBP",
    districtCode: "094",
    name: { vi: "Thành phố Điện Biên Phủ", en: "Điện Biên Phủ city" },
    shortName: "TP Điện Biên Phủ",
    populationSizeEstimate: 180,
    coveredCommunes: [
      ["03136", 4], // Mường Thanh
      ["03127", 3], // Him Lam
      ["03130", 3], // Thanh Bình
      ["03133", 3], // Tân Thanh
      ["03139", 2], // Nam Thanh
      ["03142", 2], // Thanh Trường
      ["03124", 2], // Noong Bua
      ["03145", 1], // Thanh Minh
      ["03144", 1], // Tà Lèng
    ],
    fieldWorkStarts: "2011-07-14",
    outreachWorkers: 5,
    clients: 149,
    secondContacts: 5,
    groupSessions: [
      { heldOn: "2011-08-12", attendees: 22 },
      { heldOn: "2011-09-09", attendees: 20 },
      { heldOn: "2011-09-30", attendees: 24 },
      { heldOn: "2011-10-21", attendees: 21 },
    ],
    hivTests: 85,
    positives: 2,
    linkedToTreatment: 2,
    hivTestsPending: 7,
    otherReferrals: { sti: 10, mmt: 5, srh: 7 },
    facilities: {
      hiv_test:
        "Phòng tư vấn xét nghiệm tự nguyện (VCT), Trung tâm Phòng chống HIV/AIDS tỉnh Điện Biên",
      sti: "Phòng khám STI, Bệnh viện Đa khoa tỉnh Điện Biên",
      srh: "Khoa Sức khỏe sinh sản, Trung tâm Y tế thành phố Điện Biên Phủ",
      ...provincialServices,
    },
    coachingRounds: ["2011-08-16", "2011-10-04"],
    supervisionVisits: ["2011-08-03", "2011-09-07", "2011-10-12"],
  },
  {
    code: "DB",
    districtCode: "100",
    name: { vi: "Huyện Điện Biên", en: "Điện Biên district" },
    shortName: "H. Điện Biên",
    populationSizeEstimate: 300,
    coveredCommunes: [
      ["03328", 3], // Thanh Luông
      ["03331", 3], // Thanh Hưng
      ["03322", 3], // Thanh Nưa
      ["03334", 2], // Thanh Xương
      ["03337", 2], // Thanh Chăn
      ["03343", 2], // Thanh An
      ["03346", 2], // Thanh Yên
      ["03349", 1], // Noong Luống
      ["03355", 1], // Sam Mứn
    ],
    fieldWorkStarts: "2011-07-14",
    outreachWorkers: 6,
    clients: 169,
    secondContacts: 5,
    groupSessions: [
      { heldOn: "2011-08-18", attendees: 25 },
      { heldOn: "2011-09-15", attendees: 23 },
      { heldOn: "2011-10-06", attendees: 26 },
      { heldOn: "2011-10-27", attendees: 22 },
    ],
    hivTests: 95,
    positives: 2,
    linkedToTreatment: 1,
    hivTestsPending: 8,
    otherReferrals: { sti: 11, mmt: 6, srh: 8 },
    facilities: {
      hiv_test: "Phòng tư vấn xét nghiệm tự nguyện (VCT), Trung tâm Y tế huyện Điện Biên",
      sti: "Phòng khám STI, Trung tâm Y tế huyện Điện Biên",
      srh: "Khoa Sức khỏe sinh sản, Trung tâm Y tế huyện Điện Biên",
      ...provincialServices,
    },
    coachingRounds: ["2011-08-23", "2011-10-11"],
    supervisionVisits: ["2011-08-10", "2011-09-14", "2011-10-19"],
  },
  {
    code: "TG",
    districtCode: "099",
    name: { vi: "Huyện Tuần Giáo", en: "Tuần Giáo district" },
    shortName: "H. Tuần Giáo",
    populationSizeEstimate: 270,
    coveredCommunes: [
      ["03253", 5], // Tuần Giáo (thị trấn)
      ["03274", 2], // Quài Nưa
      ["03289", 2], // Quài Cang
      ["03298", 2], // Chiềng Sinh
      ["03295", 1], // Quài Tở
      ["03277", 1], // Mường Thín
      ["03283", 1], // Nà Sáy
    ],
    fieldWorkStarts: "2011-07-21",
    outreachWorkers: 5,
    clients: 144,
    secondContacts: 4,
    groupSessions: [
      { heldOn: "2011-08-24", attendees: 18 },
      { heldOn: "2011-09-21", attendees: 19 },
      { heldOn: "2011-10-12", attendees: 21 },
    ],
    hivTests: 74,
    positives: 1,
    linkedToTreatment: 1,
    hivTestsPending: 6,
    otherReferrals: { sti: 8, mmt: 4, srh: 6 },
    facilities: {
      hiv_test: "Phòng tư vấn xét nghiệm tự nguyện (VCT), Trung tâm Y tế huyện Tuần Giáo",
      sti: "Phòng khám STI, Trung tâm Y tế huyện Tuần Giáo",
      srh: "Khoa Sức khỏe sinh sản, Trung tâm Y tế huyện Tuần Giáo",
      ...provincialServices,
    },
    coachingRounds: ["2011-08-30", "2011-10-18"],
    supervisionVisits: ["2011-08-17", "2011-09-28", "2011-10-26"],
  },
];

/**
 * The Điện Biên district client who was also met by the city team: counted at both sites but once
 * in the project's people reached.
 */
export const crossSiteClient = { homeSite: "DB", alsoContactedAt: "DBP" } as const satisfies {
  homeSite: SiteCode;
  alsoContactedAt: SiteCode;
};

export const condomsTotal = 500;

/** The Tuần Giáo outreach worker who left before the end (the seed's staff turnover). */
export const departure = { site: "TG", outreachWorker: 5, lastDay: "2011-09-30" } as const;
