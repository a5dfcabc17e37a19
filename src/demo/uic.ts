// UICs for the demo's clients, built by the programme's scheme (src/people/uic.ts) from drawn
// parents' given names. Names are only used to build the code; the demo stores no name.
import type { Sex } from "../db/schema.js";
import { buildUic } from "../people/uic.js";
import type { Random } from "./random.js";

// Given names common among the Kinh, Thái and H'Mông families of Điện Biên.
const womensNames = (
  "Hoa Lan Mai Thu Hương Hạnh Nga Thảo Liên Hiền Dung Yến Xuân Oanh Phương Ngọc Tuyết Loan Cúc " +
  "Đào Vân Nhung Thủy Hằng Bích Ban Ngân Ỉn Xiêng Pọm Ương Piêng Khăm Lả Ọm Mỷ Dợ Chá Sua Ly"
).split(" ");
const mensNames = (
  "Thanh Hùng Dũng Minh Tuấn Văn Quang Long Sơn Hải Bình Đức Cường Tiến Chiến Thắng Hoàn Lợi " +
  "Khăm Bun Xôm Ín Pánh Inh Ơn Phong Kẻo Pao Sềnh Chứ Dế Lử Dình Eng Ánh Yên"
).split(" ");

/** A UIC for a client with this sex and birth year that is not yet in `taken` (then added). */
export function drawUic(random: Random, sex: Sex, birthYear: number, taken: Set<string>): string {
  for (;;) {
    const uic = buildUic({
      motherGivenName: random.pick(womensNames),
      fatherGivenName: random.pick(mensNames),
      sex,
      birthYear,
    });
    if (!taken.has(uic)) {
      taken.add(uic);
      return uic;
    }
  }
}
