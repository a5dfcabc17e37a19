// The demo's public content, written through the content service and marked as demo: the seed
// project's narrative sections (from the seed texts) as an editable item, an About page, the
// sponsor and the partner of the seed, and a few news posts and activities around the project's
// months in 2011. The news and activities are illustrative — written for Peerlink, naming no real
// person — and say so on the page (the "demo" tag); three carry a drawn cover that says it is an
// illustration (./illustrations.ts).
import type { DemoItem } from "../content/service.js";
import { loadDemoItem } from "../content/service.js";
import type { Db } from "../db/connection.js";
import type { DemoIllustration } from "./illustrations.js";
import { DEMO_PROJECT_SLUG } from "./organisations.js";
import { type LocalisedText, seedTexts } from "./seed-texts.js";

const { project, organisation, sponsor, partner } = seedTexts;

const paragraphs = (texts: LocalisedText[]) => ({
  vi: texts.map((text) => text.vi).join("\n\n"),
  en: texts.map((text) => text.en).join("\n\n"),
});
const list = (texts: LocalisedText[]) => ({
  vi: texts.map((text) => `- ${text.vi}`).join("\n"),
  en: texts.map((text) => `- ${text.en}`).join("\n"),
});

/** Each item, the moment it was published (Việt Nam time), and its cover, if it has one. */
const demoItems: { publishedAt: string; item: DemoItem; cover?: DemoIllustration }[] = [
  {
    publishedAt: "2011-11-15T09:00:00+07:00",
    item: {
      kind: "project",
      project_slug: DEMO_PROJECT_SLUG,
      fields: {
        title: project.name,
        summary: project.summary,
        sections: {
          background: paragraphs(project.background),
          objectives: paragraphs(project.objectives),
          target_groups: paragraphs(project.targetPopulations),
          areas: paragraphs(project.locations),
          enablers: list(project.enablers),
          difficulties: list(project.difficulties),
          lessons: list(project.lessons),
          recommendations: list(project.recommendations),
        },
      },
    },
  },
  {
    publishedAt: "2011-07-01T08:00:00+07:00",
    item: {
      kind: "page",
      fields: {
        title: { vi: "Giới thiệu", en: "About us" },
        slug: { vi: "gioi-thieu", en: "about" },
        summary: organisation.about,
        body: {
          vi: `${organisation.about.vi}\n\n## Chúng tôi làm gì\n\n- Hỗ trợ các nhóm cộng đồng tự thực hiện các hoạt động dự phòng HIV\n- Tiếp cận, tư vấn và chuyển gửi khách hàng tới các dịch vụ y tế\n- Tập huấn và đào tạo cầm tay chỉ việc cho đội ngũ tiếp cận cộng đồng\n\n${organisation.tagline.vi}.`,
          en: `${organisation.about.en}\n\n## What we do\n\n- Support community groups to run HIV prevention work themselves\n- Reach, counsel and refer clients to health services\n- Train and coach outreach teams on the job\n\n${organisation.tagline.en}.`,
        },
      },
    },
  },
  {
    publishedAt: "2011-07-01T08:00:00+07:00",
    item: {
      kind: "partner",
      project_slug: DEMO_PROJECT_SLUG,
      fields: {
        title: {
          vi: `${sponsor.name.vi} (${sponsor.shortName})`,
          en: `${sponsor.name.en} (${sponsor.shortName})`,
        },
        partner_role: "sponsor",
        summary: {
          vi: "Nhà tài trợ của dự án dự phòng HIV cho bạn tình chính của người sử dụng ma túy tại Điện Biên.",
          en: "The sponsor of the HIV prevention project for primary sexual partners of people who use drugs in Dien Bien.",
        },
      },
    },
  },
  {
    publishedAt: "2011-07-01T08:00:00+07:00",
    item: {
      kind: "partner",
      project_slug: DEMO_PROJECT_SLUG,
      fields: {
        title: {
          vi: `${partner.name.vi} (${partner.shortName})`,
          en: `${partner.name.en} (${partner.shortName})`,
        },
        partner_role: "partner",
        summary: {
          vi: "Đơn vị phối hợp thực hiện dự án tại tỉnh Điện Biên.",
          en: "Works with us on the project in Dien Bien province.",
        },
      },
    },
  },
  {
    publishedAt: "2011-07-04T10:00:00+07:00",
    cover: "hills",
    item: {
      kind: "news",
      project_slug: DEMO_PROJECT_SLUG,
      fields: {
        title: {
          vi: "Khởi động dự án dự phòng HIV tại Điện Biên",
          en: "HIV prevention project starts in Dien Bien",
        },
        slug: { vi: "khoi-dong-du-an-dien-bien", en: "project-starts-in-dien-bien" },
        summary: {
          vi: "Dự án bắt đầu hoạt động tại thành phố Điện Biên Phủ, huyện Điện Biên và huyện Tuần Giáo.",
          en: "The project starts work in Dien Bien Phu city and Dien Bien and Tuan Giao districts.",
        },
        body: {
          vi: "Tháng 7 năm 2011, dự án bắt đầu hoạt động tại **3 địa bàn** của tỉnh Điện Biên, với sự phối hợp của Trung tâm Phòng chống HIV/AIDS tỉnh.\n\n## Những việc đầu tiên\n\n1. Tuyển chọn điều phối viên và tiếp cận viên tại mỗi địa bàn\n2. Tập huấn ban đầu cho đội ngũ\n3. Làm quen với các cơ sở dịch vụ y tế tại địa phương\n\n*Bài viết minh họa của bộ dữ liệu mẫu.*",
          en: "In July 2011 the project starts work at **3 sites** in Dien Bien province, with the provincial AIDS center.\n\n## First steps\n\n1. Recruit a coordinator and outreach workers at each site\n2. Train the team\n3. Meet the local health services\n\n*An illustrative post of the demo data set.*",
        },
      },
    },
  },
  {
    publishedAt: "2011-08-22T15:00:00+07:00",
    cover: "meeting",
    item: {
      kind: "news",
      project_slug: DEMO_PROJECT_SLUG,
      fields: {
        title: {
          vi: "Sinh hoạt nhóm đầu tiên ở Tuần Giáo",
          en: "First group meeting in Tuan Giao",
        },
        slug: { vi: "sinh-hoat-nhom-dau-tien-tuan-giao", en: "first-group-meeting-tuan-giao" },
        summary: {
          vi: "Các chị em trao đổi về sức khỏe sinh sản và cách dự phòng lây nhiễm HIV.",
          en: "Women shared what they know about reproductive health and preventing HIV.",
        },
        body: {
          vi: "Buổi sinh hoạt nhóm đầu tiên ở Tuần Giáo có sự tham gia của bạn tình của người sử dụng ma túy trong huyện. Tiếp cận viên giới thiệu các dịch vụ tư vấn và xét nghiệm HIV tự nguyện.\n\n> Mọi thông tin cá nhân của người tham gia được giữ kín.\n\n*Bài viết minh họa của bộ dữ liệu mẫu.*",
          en: "The first group meeting in Tuan Giao brought together partners of people who use drugs in the district. Outreach workers introduced voluntary HIV counselling and testing.\n\n> Everything about the people who took part stays confidential.\n\n*An illustrative post of the demo data set.*",
        },
      },
    },
  },
  {
    publishedAt: "2011-10-31T17:00:00+07:00",
    item: {
      kind: "news",
      project_slug: DEMO_PROJECT_SLUG,
      fields: {
        title: {
          vi: "Bốn tháng đầu của dự án qua các con số",
          en: "The project's first four months in figures",
        },
        slug: { vi: "bon-thang-dau-qua-cac-con-so", en: "first-four-months-in-figures" },
        summary: {
          vi: "Kết quả của dự án được tính trực tiếp từ dữ liệu ghi nhận hằng ngày.",
          en: "The project's results are computed directly from its day-to-day records.",
        },
        body: {
          vi: `Từ tháng 7 đến tháng 10 năm 2011, đội ngũ dự án đã tiếp cận hàng trăm khách hàng ở cả ba địa bàn. Xem số liệu chi tiết trên [trang dự án](/vi/du-an/${DEMO_PROJECT_SLUG}#results).\n\n*Bài viết minh họa của bộ dữ liệu mẫu.*`,
          en: `From July to October 2011 the project team reached several hundred clients at its three sites. See the figures on the [project page](/en/projects/${DEMO_PROJECT_SLUG}#results).\n\n*An illustrative post of the demo data set.*`,
        },
      },
    },
  },
  {
    publishedAt: "2011-07-05T08:00:00+07:00",
    item: {
      kind: "activity",
      project_slug: DEMO_PROJECT_SLUG,
      fields: {
        title: {
          vi: "Tập huấn ban đầu cho đội ngũ tiếp cận cộng đồng",
          en: "First training of the outreach team",
        },
        slug: { vi: "tap-huan-ban-dau", en: "first-training" },
        starts_at: "2011-07-12T08:00:00+07:00",
        ends_at: "2011-07-14T17:00:00+07:00",
        place: { vi: "Thành phố Điện Biên Phủ", en: "Dien Bien Phu city" },
        summary: {
          vi: "Ba ngày tập huấn về tiếp cận, tư vấn và chuyển gửi khách hàng.",
          en: "Three days of training on outreach, counselling and referral.",
        },
        body: {
          vi: "Nội dung tập huấn:\n\n- Kỹ năng tiếp cận và tư vấn\n- Chuyển gửi tới dịch vụ xét nghiệm HIV, điều trị nhiễm khuẩn lây truyền qua đường tình dục và điều trị Methadone\n- Ghi chép số liệu bằng ứng dụng\n\n*Hoạt động minh họa của bộ dữ liệu mẫu.*",
          en: "The training covers:\n\n- Outreach and counselling skills\n- Referral to HIV testing, STI treatment and methadone treatment\n- Recording work in the app\n\n*An illustrative activity of the demo data set.*",
        },
      },
    },
  },
  {
    publishedAt: "2011-09-01T08:00:00+07:00",
    cover: "meeting",
    item: {
      kind: "activity",
      project_slug: DEMO_PROJECT_SLUG,
      fields: {
        title: {
          vi: "Sinh hoạt nhóm về sức khỏe sinh sản",
          en: "Group meeting on reproductive health",
        },
        slug: { vi: "sinh-hoat-nhom-suc-khoe-sinh-san", en: "group-meeting-reproductive-health" },
        starts_at: "2011-09-15T14:00:00+07:00",
        ends_at: "2011-09-15T16:30:00+07:00",
        place: { vi: "Huyện Điện Biên", en: "Dien Bien district" },
        summary: {
          vi: "Một buổi chiều trao đổi cởi mở, có tư vấn viên của trung tâm y tế huyện.",
          en: "An afternoon of open conversation, with a counsellor from the district health centre.",
        },
        body: {
          vi: "Mời các chị em đến trao đổi về sức khỏe sinh sản và dự phòng HIV.\n\n*Hoạt động minh họa của bộ dữ liệu mẫu.*",
          en: "Women are welcome to talk about reproductive health and HIV prevention.\n\n*An illustrative activity of the demo data set.*",
        },
      },
    },
  },
];

/**
 * Loads the demo's content items, each published at its moment, with the stored illustrations
 * (their image ids by name) as covers; returns how many.
 */
export async function insertDemoContent(
  db: Db,
  covers: Record<DemoIllustration, string>,
): Promise<number> {
  for (const { publishedAt, item, cover } of demoItems) {
    const shown = cover ? { ...item, fields: { ...item.fields, image_id: covers[cover] } } : item;
    await loadDemoItem(db, shown, new Date(publishedAt));
  }
  return demoItems.length;
}
