import { highlightTerms } from '../lib/highlight';

/** A comment with the words that moved its sentiment marked, green for positive, red for negative. */
export function Highlighted({ text, terms }: { text: string; terms: { term: string; weight: number }[] }) {
  return (
    <p class="comment">
      {highlightTerms(text, terms).map((s, i) =>
        s.weight === null ? (
          s.text
        ) : (
          <mark key={i} class={s.weight > 0 ? 'pos' : 'neg'} title={`${s.weight > 0 ? '+' : ''}${s.weight.toFixed(2)}`}>
            {s.text}
          </mark>
        ),
      )}
    </p>
  );
}
