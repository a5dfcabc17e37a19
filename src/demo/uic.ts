// Unique identifier codes (UIC) as Vietnamese outreach programmes build them from parts a client
// can repeat at every visit: the first two letters of the mother's given name, the first two of
// the father's given name, a sex digit (1 male, 2 female, 3 other) and the two-digit birth year,
// e.g. "HOTH285". Names are only used to build the code; the demo stores no name.
import type { Sex } from "../db/schema.js";
import type { Random } from "./random.js";

/** Upper-case ASCII letters only: diacritics dropped, "đ" read as "d". */
export function normaliseUicPart(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "D")
    .toUpperCase()
    .replace(/[^A-Z]/g, "");
}

const sexDigit: Record<Sex, string> = { male: "1", female: "2", other: "3" };

export interface UicParts {
  motherGivenName: string;
  fatherGivenName: string;
  sex: Sex;
  birthYear: number;
}

export function buildUic(parts: UicParts): string {
  const letters = (name: string) => normaliseUicPart(name).slice(0, 2).padEnd(2, "X");
  const year = String(parts.birthYear % 100).padStart(2, "0");
  return `${letters(parts.motherGivenName)}${letters(parts.fatherGivenName)}${sexDigit[parts.sex]}${year}`;
}

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
