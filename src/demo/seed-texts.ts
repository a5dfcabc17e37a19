// The narrative texts of the seed project, in Vietnamese (primary) and English, taken from the
// two versions of SCDI's page on its FHI-funded HIV prevention project for the primary sexual
// partners of people who use drugs in Điện Biên. The demo data set loads these into the project
// page. Results are left out because the page computes them from records.
// `translationNotes` lists every fix and every text that has no counterpart in the seed.

export interface LocalisedText {
  vi: string;
  en: string;
}

export interface SeedTexts {
  organisation: {
    shortName: string;
    name: LocalisedText;
    /** The line that promises visitors updates on the organisation's work. */
    tagline: LocalisedText;
    /** One or two sentences on who the organisation is, written from the seed. */
    about: LocalisedText;
  };
  sponsor: { shortName: "FHI"; name: LocalisedText };
  /** The Điện Biên provincial AIDS centre (TTAIDS / PAC). */
  partner: { shortName: string; name: LocalisedText };
  project: {
    name: LocalisedText;
    /** One sentence for meta descriptions and cards, at most 160 characters in each language. */
    summary: LocalisedText;
    background: LocalisedText[];
    objectives: LocalisedText[];
    targetPopulations: LocalisedText[];
    locations: LocalisedText[];
    enablers: LocalisedText[];
    difficulties: LocalisedText[];
    lessons: LocalisedText[];
    recommendations: LocalisedText[];
  };
  donationAppeal: LocalisedText;
  translationNotes: string[];
}

export const seedTexts: SeedTexts = {
  organisation: {
    shortName: "SCDI",
    name: {
      vi: "Trung tâm Hỗ trợ Sáng kiến Phát triển Cộng đồng",
      en: "Center for Supporting Community Development Initiatives",
    },
    tagline: {
      vi: "Chúng tôi sẽ cập nhật cho các bạn thông tin về các hoạt động hỗ trợ cho các nhóm dễ bị tổn thương",
      en: "We will send you the most up-to-date information for your specific help to vulnerable groups",
    },
    about: {
      vi: "Trung tâm Hỗ trợ Sáng kiến Phát triển Cộng đồng (SCDI) hỗ trợ các sáng kiến phát triển cộng đồng và thực hiện các hoạt động hỗ trợ cho các nhóm dễ bị tổn thương.",
      en: "The Center for Supporting Community Development Initiatives (SCDI) supports community development initiatives and carries out activities in support of vulnerable groups.",
    },
  },
  sponsor: {
    shortName: "FHI",
    name: {
      vi: "Tổ chức Sức khỏe Gia đình Quốc tế",
      en: "Family Health International",
    },
  },
  partner: {
    shortName: "PAC",
    name: {
      vi: "Trung tâm Phòng chống HIV/AIDS tỉnh Điện Biên",
      en: "Dien Bien Provincial AIDS Center",
    },
  },
  project: {
    name: {
      vi: "Dự phòng HIV cho bạn tình chính của người sử dụng ma túy thực hiện ở Điện Biên",
      en: "HIV prevention for Primary Sexual Partners of People who use drugs in Dien Bien",
    },
    summary: {
      vi: "Dự án do FHI tài trợ, SCDI thực hiện, dự phòng HIV cho bạn tình chính của người sử dụng ma túy tại thành phố Điện Biên Phủ, huyện Điện Biên và huyện Tuần Giáo.",
      en: "An FHI-funded SCDI project to prevent HIV among the primary sexual partners of people who use drugs in Dien Bien Phu city and Dien Bien and Tuan Giao districts.",
    },
    background: [
      {
        vi: "Kể từ năm 1998 khi 6 trường hợp nhiễm HIV được phát hiện tại Tp Điện Biên Phủ, đến nay số người nhiễm đã được báo cáo phát hiện tại chín quận/huyện và 76 trên 106 xã phường trên địa bàn của tỉnh Điện Biên. Thống kê đến hết 2008 tổng số người nhiễm HIV là 2.956 trong đó số người nhiễm mới trong năm 2008 là 852. Điện Biên đứng thứ 3 trên toàn quốc với tỷ suất 350 người nhiễm HIV trên 100.000 người.",
        en: "Since 1998, there were 6 reported cases of HIV-positive in Dien Bien, now the number of HIV cases are reported in all 9 districts and 76/106 communes of the province. Until the end of 2008 the total of HIV cases are 2,956, among those 852 are new reported cases. Dien Bien ranked 3rd in the country with the HIV prevalence of 350/100,000.",
      },
      {
        vi: "Hiện tại ở Điện Biên đang triển khai một số các hoạt động phòng ngừa, chăm sóc, điều trị và hỗ trợ liên quan đến HIV/AIDS trong khuôn khổ của Chương trình phòng chống HIV/AIDS quốc gia. Kế hoạch Hỗ trợ khẩn cấp của Tổng thống Hoa Kỳ (PEPFAR) cũng hỗ trợ hai huyện Điện Biên và Mường Áng triển khai chương trình điều trị thay thế chất gây nghiện thông qua Cơ quan Phát triển Quốc tế Hoa Kỳ tại Việt Nam. Bên cạnh đó cũng có một số các hoạt động khác được triển khai bằng nguồn lực của địa phương bao gồm các hoạt động hỗ trợ các nhóm tự lực, truyền thông phòng ngừa HIV cho vị thành niên. Tuy nhiên những hoạt động can thiệp này phần nhiều còn giới hạn về quy mô và tác động đối với việc kiểm soát tình hình dịch HIV tại địa phương.",
        en: "At the moment, in Dien Bien, there are a number of HIV/AIDS related prevention, support, care and treatment activities under the National HIV Prevention Plan. PEPFAR also supports 2 districts of Điện Biên and Mường Áng with an opioid substitution therapy through USAID. Besides, there are other activities implemented with local resources including support for CBOs, HIV communication for youth. However, these activities are still limited in their scope and have limited impacts on the epidemic.",
      },
      {
        vi: "Thực trạng được nêu cho thấy nhu cầu cấp thiết về việc triển khai các can thiệp hỗ trợ cho công tác dự phòng và điều trị HIV tại tỉnh Điện Biên, đặc biệt cho nhóm đối tượng bạn tình của người sử dụng ma túy.",
        en: "This situation shows an urgent need for interventions that support HIV prevention and treatment in Dien Bien province, especially for the sexual partners of people who use drugs.",
      },
      {
        vi: "Tổ chức Sức khỏe Gia đình Thế giới (FHI) hỗ trợ cho Trung tâm Hỗ trợ Sáng kiến Phát triển Cộng đồng (SCDI) thực hiện Dự án Dự phòng HIV/AIDS cho bạn tình của người sử dụng ma túy tại ba địa bàn của tỉnh Điện Biên bao gồm thành phố Điện Biên Phủ, huyện Điện Biên và huyện Tuần Giáo từ tháng 7 đến tháng 10 năm 2011. Đây là các địa bàn có số lượng người sử dụng ma túy và bạn tình cao và chưa có can thiệp cụ thể nào liên quan đến đối tượng bạn tình của người sử dụng ma túy (thành phố Điện Biên Phủ: khoảng 180 đối tượng bạn tình; huyện Điện Biên: khoảng 300 đối tượng bạn tình; huyện Tuần Giáo: khoảng 270 đối tượng bạn tình). Trung tâm Hỗ trợ Sáng kiến Phát triển Cộng đồng sẽ phối hợp với Trung tâm Phòng chống HIV/AIDS tỉnh Điện Biên (TTAIDSDB) thực hiện dự án này.",
        en: "FHI supports SCDI to implement HIV prevention for Primary Sexual Partners of People who use drugs in 3 areas of Dien Bien including Dien Bien city, Dien Bien district and Tuan Giao district from July to October 2011. These are the areas with large number of PUD and their sexual partners and have not had specific interventions for this community (Dien Bien Phu city: about 180 sexual partners; Dien Bien district: about 300; Tuan Giao district: about 270). SCDI will collaborate with Dien Bien PAC to implement this project.",
      },
    ],
    objectives: [
      {
        vi: "Mục tiêu của Dự án là phòng ngừa nhiễm HIV cho đối tượng bạn tình của người sử dụng ma túy, đồng thời cung cấp thông tin và các dịch vụ chăm sóc và hỗ trợ liên quan đến sức khỏe sinh sản và tình dục của nhóm đối tượng này hướng tới việc cải thiện chất lượng cuộc sống cho các cặp sử dụng ma túy và bạn tình. Dự án này gắn kết với các hoạt động của Dự án Dự phòng, Chăm sóc và Điều trị HIV/AIDS tỉnh Điện Biên do FHI đang hỗ trợ triển khai trên địa bàn tỉnh.",
        en: "The objectives of the Project are to prevent HIV transmission for Primary Sexual Partners of PUD, and provide information and care, support and SRH services for this community aiming towards improved quality of life for PUD and their partners. The project is linked to the activities of the Dien Bien Province HIV/AIDS Prevention, Care and Treatment Project, which FHI is supporting in the province.",
      },
    ],
    targetPopulations: [
      {
        vi: "Vợ/bạn tình của người sử dụng ma túy tại Điện Biên và thông qua họ tiếp cận, giới thiệu male IDU tới các dịch vụ.",
        en: "Primary sexual partners of people who use drugs in Dien Bien and through them reach and refer male PUD to services.",
      },
    ],
    locations: [
      {
        vi: "Tại 3 địa bàn của Điện Biên (Tp. Điện Biên, huyện Điện Biên, huyện Tuần Giáo)",
        en: "Dien Bien city, Dien Bien district, and Tuan Giao district.",
      },
    ],
    enablers: [
      {
        vi: "Đối với FHI, SCDI & PACĐB: Luôn quan tâm chỉ đạo sát sao về chuyên môn kỹ thuật với hình thức tập huấn mới, tập huấn lặp lại, đào tạo cầm tay chỉ việc trực tiếp tại văn phòng nhóm & tại thực địa kết hợp với trao đổi thường xuyên qua thư từ, điện thoại",
        en: "FHI, SCDI & Dien Bien PAC: Close monitoring and management on technical aspects through trainings, repeated trainings, and coaching at CBO’s office and at project sites as well as regular communication through email, phone calls",
      },
      {
        vi: "Đối với TTYT huyện & giám sát viên: Tạo điều kiện thuận lợi cho nhóm hoạt động (bố trí phòng làm việc, điều phối các cơ sở dịch vụ ưu tiên cho khách hàng của nhóm: VCT/STI/MMT). Lãnh đạo thường xuyên chỉ đạo, tham gia các sự kiện quan trọng do nhóm tổ chức. Giám sát viên hỗ trợ tận tình (tham dự các buổi giao ban nhóm, cùng nhóm phát hiện các phát sinh và đưa ra các biện pháp khắc phục)",
        en: "District health clinics & monitoring officers: Facilitate the works of project workers (providing office, coordinating priority services for project clients: VCT/STI/MMT). Their leaders regularly give direction and take part in important events organized by the CBOs. Monitoring officers give dedicated support (attending CBO briefing meetings, identifying emerging problems together with the CBOs and proposing solutions).",
      },
      {
        vi: "Điều phối viên, TCV nhiệt tình, kiên trì tiếp cận, chăm sóc đã tạo được mối quan hệ thân thiết và niềm tin nơi khách hàng và gia đình của họ",
        en: "Coordinator, outreach workers: enthusiastic, patient, able to build trust with clients and their family.",
      },
    ],
    difficulties: [
      {
        vi: "Địa bàn rộng, đi lại khó khăn vì thế chưa bao phủ được hết địa bàn (TP có 7 phường & 2 xã: 9/9; Huyện ĐB: 9/19; Tuần Giáo: 7/14)",
        en: "Large area on intervention, difficult for travel, so the project could not yet cover all of it (city, with 7 wards & 2 communes: 9/9; Dien Bien district: 9/19; Tuan Giao: 7/14)",
      },
      {
        vi: "Tính sẵn có của dịch vụ: Các chỉ tiêu không đáp ứng nhu cầu (MMT); Thiếu sinh phẩm (cho xét nghiệm VCT lưu động).",
        en: "Availability of services: MMT places do not meet demand; lack of test kits for mobile VCT.",
      },
      {
        vi: "Trang thiết bị làm việc: Chưa có (máy vi tính); Phòng làm việc của nhóm: chưa có/chung (Tuần Giáo)",
        en: "Equipment: No computer; CBOs do not have office or share one (Tuan Giao)",
      },
      {
        vi: "Nhân sự: Thay đổi (Tuần Giáo thay ĐPV & TCV)",
        en: "Human resource: change of staff (in Tuan Giao, the coordinator and outreach workers were replaced)",
      },
      {
        vi: "Năng lực của ĐPV & TCV: Còn hạn chế",
        en: "Limited capacity of coordinator and outreach workers",
      },
    ],
    lessons: [
      { vi: "Xác định mục đích rõ ràng", en: "Clearly identify objectives" },
      {
        vi: "Đề cao tính làm chủ của đội ngũ DC & PE",
        en: "Increase the ownership of coordinators and outreach workers",
      },
      {
        vi: "Tạo mọi điều kiện để đội ngũ các nhóm phát huy sáng kiến và tính chủ động",
        en: "Facilitate the CBO to take initiatives and be active in implementing activities",
      },
      {
        vi: "Xây dựng quan hệ đối tác giữa SCDI với PAC & các nhóm",
        en: "Building partnership between SCDI, PAC & CBOs",
      },
      {
        vi: "Trao quyền dựa trên hiểu biết về năng lực của các quận, kết hợp với hỗ trợ thường xuyên",
        en: "Empower based on knowledge and capacity of the CBOs, regular supports",
      },
      { vi: "Giám sát ở tất cả các cấp", en: "Monitoring at all levels" },
      { vi: "Sự quan tâm và phối hợp giữa các đơn vị", en: "Coordination between partners" },
    ],
    recommendations: [
      {
        vi: "Đối với địa bàn ở xa: Tuyển bổ sung TCV tại địa phương hoặc lồng ghép với chương trình y tế thôn bản",
        en: "For remote areas: Recruit additional outreach workers locally or integrate the work with the village health worker program",
      },
      {
        vi: "Từng bước xã hội hóa trong việc cung cấp các dịch vụ: Khách hàng trả tiền (có hỗ trợ giảm đối với từng trường hợp cụ thể)",
        en: "Gradually introduce cost-sharing in service provision: Clients pay for services (with reduced fees decided case by case)",
      },
      {
        vi: "Trang bị thiết bị làm việc cho nhóm",
        en: "Provide the CBOs with working equipment",
      },
      {
        vi: "Tạo điều kiện cho nhóm có văn phòng làm việc riêng",
        en: "Help the CBOs get offices of their own",
      },
    ],
  },
  donationAppeal: {
    vi: "Chúng tôi đảm bảo khoản tiền của bạn cho SCDI sẽ được đi đến nơi cần nhất, không chậm trễ, hệ thống quản lý khoản tiền trực tuyến của chúng tôi đảm bảo an toàn cho tài khoản của bạn.",
    en: "We guarantee your funds for SCDI will go to the most needed, without delay, our online money management system ensures the safety of your account.",
  },
  translationNotes: [
    'EN difficulties: "unqualified for MMT; lack of biologic products" (a misreading of the Vietnamese) rewritten as "MMT places do not meet demand; lack of test kits".',
    "Dates: both seed pages give the period as “1/7 - 31/7/2012” in the header, which disagrees with the body text’s July–October 2011 (“từ tháng 7 đến tháng 10 năm 2011”); neither the header period nor the page date is in these texts.",
    "organisation.name.en: the English page shows only the Vietnamese name; “Center for Supporting Community Development Initiatives” comes from the domain notes, not from the seed.",
    "organisation.about (vi and en): written for Peerlink from the seed’s organisation name and its line about supporting vulnerable groups; the seed has no such sentence.",
    "project.summary (vi and en): written for Peerlink from the seed’s project name, sponsor and locations; the seed has no such sentence.",
    "partner.name.en: “Dien Bien Provincial AIDS Center” spells out the English seed’s “Dien Bien PAC”; partner.name.vi is the Vietnamese body’s “Trung tâm Phòng chống HIV/AIDS tỉnh Điện Biên” (abbreviated there as TTAIDSDB and in the enablers as PACĐB).",
    "sponsor.name.vi: the header’s “Tổ chức Sức khoẻ Gia đình Quốc tế”, with “khoẻ” spelt “khỏe” as in the rest of the Vietnamese text; the body’s other name for FHI, “Tổ chức Sức khỏe Gia đình Thế giới”, is kept as written.",
    "English place names keep the English seed’s spelling (Dien Bien, Tuan Giao, without diacritics, and “Điện Biên and Mường Áng” as written); translated English follows the same spelling.",
    "Whitespace: double spaces and trailing spaces in the seed removed.",
    "targetPopulations and locations: the inline labels “Đối tượng đích:” / “Target populations:” and “Địa bàn thực hiện:” / “Locations:” removed; the page supplies these headings.",
    "background[1].vi: “Hoa kỳ” corrected to “Hoa Kỳ”.",
    "background[1].en: “a opioid” corrected to “an opioid”; missing noun added (“prevention, support, care and treatment activities under…”).",
    "background[2].en: translated from the Vietnamese (“Thực trạng được nêu…”); the English page has no such paragraph.",
    "background[3].vi: “ma túytại” corrected to “ma túy tại”.",
    "background[3].vi: the garbled size estimates “(… huyện Tuần giáo: Điện Biên Phủ: khoảng 270 đối tượng bạn tình 300)” rewritten as about 180 (Điện Biên Phủ city), 300 (Điện Biên district) and 270 (Tuần Giáo district, “Tuần giáo” capitalised), separated by semicolons.",
    "background[3].en: “from July to October 2011” and the size estimates (about 180, 300, 270) translated from the Vietnamese; the English page has neither.",
    "objectives[0].vi: comma added in the project name “Dự án Dự phòng, Chăm sóc và Điều trị HIV/AIDS”.",
    "objectives[0].en: second sentence (“The project is linked to…”) translated from the Vietnamese; the English page has no such sentence.",
    "enablers[0].en: “couching” corrected to “coaching”.",
    "enablers[1].en: the last two sentences (leaders’ direction and events; monitoring officers’ support) translated from the Vietnamese; the English page shortens this bullet.",
    "difficulties[0].vi: stray colon before the parenthesis removed (“chưa bao phủ được hết địa bàn: (TP…” → “chưa bao phủ được hết địa bàn (TP…”).",
    "difficulties[0].en: “so the project could not yet cover all of it” and the commune coverage figures translated from the Vietnamese; the English page shortens this bullet.",
    "difficulties[1].en: “mobilie” corrected to “mobile”.",
    "difficulties[2].en: “or share one (Tuan Giao)” translated from the Vietnamese “chưa có/chung (Tuần Giáo)”; the English page shortens this bullet.",
    "difficulties[3].en: “change of staff, outreach workers” replaced by a translation of the Vietnamese (“Tuần Giáo thay ĐPV & TCV”): “change of staff (in Tuan Giao, the coordinator and outreach workers were replaced)”.",
    "lessons[1].en: “coordinators and” added from the Vietnamese “đội ngũ DC & PE”; the English page names only outreach workers.",
    "lessons[2].en: missing verb added (“and active” → “and be active”).",
    "recommendations (all four, en): translated from the Vietnamese; the English page has no Recommendations section. The Vietnamese list’s empty fifth bullet is dropped.",
    "donationAppeal.vi: “đảm bản” corrected to “đảm bảo”.",
    "Results list not included (computed from data); for reference, the English list’s “462 người” means “462 people”.",
  ],
};
