// An amount of đồng in Vietnamese words, as receipts write it ("Hai trăm nghìn đồng"). Groups of
// three digits are read with their scale (nghìn, triệu, tỷ, then nghìn tỷ …); a group after the
// first is read in full ("không trăm linh năm"), an all-zero group is left out; in the tens,
// "mười" for 1x, "mốt" for a 1 after twenty, "tư" for a 4 after twenty, "lăm" for a 5 after ten.
// Written here rather than taken from a package: the few that exist are small one-person
// packages, and this is forty lines with a test of every rule (docs/decisions.md).

const digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/** A group of three digits; `full` reads the hundreds and a "linh" even when they are zero. */
function readGroup(group: number, full: boolean): string[] {
  const hundreds = Math.floor(group / 100);
  const tens = Math.floor((group % 100) / 10);
  const units = group % 10;
  const words: string[] = [];
  if (full || hundreds > 0) words.push(digits[hundreds]!, "trăm");
  if (tens === 0) {
    if (units > 0 && words.length > 0) words.push("linh");
  } else if (tens === 1) {
    words.push("mười");
  } else {
    words.push(digits[tens]!, "mươi");
  }
  if (units > 0) {
    if (units === 1 && tens >= 2) words.push("mốt");
    else if (units === 4 && tens >= 2) words.push("tư");
    else if (units === 5 && tens >= 1) words.push("lăm");
    else words.push(digits[units]!);
  }
  return words;
}

/** The scale of the group `index` places from the right: "", nghìn, triệu, tỷ, nghìn tỷ … */
function scaleOf(index: number): string[] {
  const base = ["", "nghìn", "triệu"][index % 3]!;
  return [...(base ? [base] : []), ...Array<string>(Math.floor(index / 3)).fill("tỷ")];
}

/** A whole number of 0 or more in Vietnamese words, lower case ("một triệu không trăm linh năm"). */
export function numberInWords(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`not a whole number of 0 or more: ${value}`);
  }
  if (value === 0) return digits[0]!;
  const groups: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let index = groups.length - 1; index >= 0; index -= 1) {
    const group = groups[index]!;
    if (group === 0) continue;
    words.push(...readGroup(group, words.length > 0), ...scaleOf(index));
  }
  return words.join(" ");
}

/** An amount of đồng as a receipt writes it: "Hai trăm nghìn đồng". */
export function dongInWords(amount: number): string {
  const words = `${numberInWords(amount)} đồng`;
  return words.charAt(0).toUpperCase() + words.slice(1);
}
