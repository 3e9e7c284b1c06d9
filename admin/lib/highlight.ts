/** A run of comment text, with the weight of the sentiment term it is (if any). */
export interface Segment {
  text: string;
  weight: number | null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Splits a comment into plain runs and the terms the sentiment explanation names, so the
 * UI can mark them (as text nodes: nothing here ever becomes HTML). Terms match whole words,
 * case-insensitively; the longest term wins where two overlap.
 */
export function highlightTerms(text: string, terms: readonly { term: string; weight: number }[]): Segment[] {
  const usable = terms.filter((t) => t.term.trim() !== '' && t.weight !== 0).sort((a, b) => b.term.length - a.term.length);
  if (usable.length === 0) return [{ text, weight: null }];
  const weights = new Map(usable.map((t) => [t.term.toLowerCase(), t.weight]));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${usable.map((t) => escapeRe(t.term)).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const out: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), weight: null });
    out.push({ text: m[0], weight: weights.get(m[0].toLowerCase()) ?? null });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), weight: null });
  return out;
}
