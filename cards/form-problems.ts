/** The line above a form that came back with problems; each problem is also written beside its field. */
export const problemSummary = (n: number): string => (n === 1 ? 'One thing needs fixing before I can save this:' : `${n} things need fixing before I can save this:`);

/**
 * The same line naming the questions to fix: on a phone the fields can be several screens below the top,
 * which is where the redrawn card is seen first.
 */
export function problemSummaryNaming<F extends string>(errors: Partial<Record<F, string>>, names: Record<F, string>): string {
  const n = Object.values<string | undefined>(errors).filter(Boolean).length;
  const named = (Object.keys(names) as F[]).filter((f) => errors[f]).map((f) => names[f]);
  return named.length ? `${problemSummary(n)} ${named.join('; ')}. Each problem is written under its question.` : problemSummary(n);
}
