/** The TOC of OUT.mch lives beside it as OUT.mch.mct. */
export function tocPathFor(mchPath: string): string {
  return `${mchPath}.mct`;
}
