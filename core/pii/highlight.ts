import { piiKindLabel, type PiiFinding } from './kinds';

// Adaptive Card TextBlocks read a little markdown: escape the user's own marks so only ours show.
const escapeMarkdown = (s: string): string => s.replace(/([\\*_[\]`~>#])/g, '\\$1');

/**
 * The text with each finding in bold and named in brackets, e.g. "**Tyler** [a name] said...":
 * the kind is said in words, so nothing relies on colour.
 */
export function highlightFindings(text: string, findings: readonly PiiFinding[]): string {
  let out = '';
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += escapeMarkdown(text.slice(at, f.start));
    out += `**${escapeMarkdown(text.slice(f.start, f.end))}** [${piiKindLabel[f.kind]}]`;
    at = f.end;
  }
  return out + escapeMarkdown(text.slice(at));
}

/** One run of text for a RichTextBlock: found fragments bold and underlined, then their kind in words. */
export interface HighlightRun {
  text: string;
  found: boolean;
}

/** The same highlighting as runs, for renderers without markdown (RichTextBlock / TextRun). */
export function highlightRuns(text: string, findings: readonly PiiFinding[]): HighlightRun[] {
  const runs: HighlightRun[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    if (f.start > at) runs.push({ text: text.slice(at, f.start), found: false });
    runs.push({ text: text.slice(f.start, f.end), found: true }, { text: ` [${piiKindLabel[f.kind]}]`, found: false });
    at = f.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), found: false });
  return runs;
}
