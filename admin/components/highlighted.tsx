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

/** A comment with the words a search matched marked (the API's `matches`). */
export function Matched({ text, words }: { text: string; words: readonly string[] }) {
  return (
    <>
      {highlightTerms(text, words.map((term) => ({ term, weight: 1 }))).map((s, i) =>
        s.weight === null ? s.text : <mark key={i} class="match">{s.text}</mark>,
      )}
    </>
  );
}
