// Why a public figure is withheld. The suppression itself is table-suppression.ts, over the
// release of every published period and place (release.ts).
export type WithheldReason =
  /** Between 1 and threshold−1. */
  | "small"
  /** Withheld so that a small cell cannot be recovered by subtraction. */
  | "complementary"
  /**
   * The total is withheld (it is small, or it would give a cell away): every cell is withheld,
   * zeros included.
   */
  | "total_withheld"
  /**
   * Not published for this period: unique people are counted over the whole project only, not
   * quarter by quarter.
   */
  | "unpublished";
