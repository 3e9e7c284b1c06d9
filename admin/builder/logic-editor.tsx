import type { Draft, Ending, Question } from './draft';

type Condition = NonNullable<Question['showIf']>;
const scales = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;

/** The answers a choice or CPI question can be tested against; null for scores and text. */
function values(q: Question): { id: string; label: string }[] | null {
  if (q.kind === 'choice') return q.options;
  if (q.kind === 'cpi') return ['yes', 'partly', 'no'].map((id) => ({ id, label: id }));
  return null;
}
const testable = (qs: Question[]) => qs.filter((q) => q.kind !== 'text');

/** A new condition on q: its score's low band, or its first answer. */
function conditionOn(q: Question): Condition {
  const v = values(q);
  if (v) return { question: q.id, anyOf: [v[0]!.id] };
  const [lo] = scales[q.kind as keyof typeof scales];
  return { question: q.id, min: lo, max: q.kind === 'nps' ? 6 : lo + 1 };
}

/** Picks the tested question (one of `earlier`) and its score range or answer set. */
export function ConditionFields({ c, earlier, label, set }: { c: Condition; earlier: Question[]; label: string; set: (c: Condition) => void }) {
  const q = earlier.find((x) => x.id === c.question);
  const v = q && values(q);
  return (
    <div class="grid3 condition" role="group" aria-label={label}>
      <label>
        {label}: question
        <select value={c.question} onChange={(e) => set(conditionOn(earlier.find((x) => x.id === e.currentTarget.value)!))}>
          {earlier.map((x) => (
            <option key={x.id} value={x.id}>
              {x.id}
            </option>
          ))}
        </select>
      </label>
      {v ? (
        <fieldset class="checks">
          <legend>is any of</legend>
          {v.map((o) => (
            <label key={o.id} class="check">
              <input
                type="checkbox"
                checked={c.anyOf?.includes(o.id) ?? false}
                onChange={(e) => set({ question: c.question, anyOf: e.currentTarget.checked ? [...(c.anyOf ?? []), o.id] : (c.anyOf ?? []).filter((x) => x !== o.id) })}
              />{' '}
              {o.label}
            </label>
          ))}
        </fieldset>
      ) : (
        <>
          <label>
            {label}: score from
            <input type="number" value={c.min ?? ''} onInput={(e) => set({ ...c, min: Number(e.currentTarget.value) })} />
          </label>
          <label>
            {label}: score to
            <input type="number" value={c.max ?? ''} onInput={(e) => set({ ...c, max: Number(e.currentTarget.value) })} />
          </label>
        </>
      )}
    </div>
  );
}

/** Survey logic of the question at index i: when it shows, its wording by band, where its answers jump. */
export function QuestionLogic({ q, i, questions, set }: { q: Question; i: number; questions: Question[]; set: (q: Question) => void }) {
  const earlier = testable(questions.slice(0, i));
  const later = questions.slice(i + 1);
  const prompts = q.prompts ?? [];
  const skip = q.skip ?? [];
  const options = values(q);
  return (
    <details class="logic" open={!!(q.showIf || q.prompts?.length || q.skip?.length)}>
      <summary>Logic</summary>
      {earlier.length > 0 && (
        <>
          <label class="check">
            <input type="checkbox" checked={!!q.showIf} onChange={(e) => set({ ...q, showIf: e.currentTarget.checked ? conditionOn(earlier[0]!) : undefined })} /> Show only if…
          </label>
          {q.showIf && <ConditionFields c={q.showIf} earlier={earlier} label={`Show question ${i + 1} if`} set={(showIf) => set({ ...q, showIf })} />}
          {prompts.map((p, k) => (
            <div key={k} class="prompt">
              <label>
                Band wording {k + 1}
                <input required value={p.text} onInput={(e) => set({ ...q, prompts: prompts.map((x, j) => (j === k ? { ...x, text: e.currentTarget.value } : x)) })} />
              </label>
              <ConditionFields c={p.showIf} earlier={earlier} label={`Band wording ${k + 1} when`} set={(showIf) => set({ ...q, prompts: prompts.map((x, j) => (j === k ? { ...x, showIf } : x)) })} />
              <button type="button" class="danger" onClick={() => set({ ...q, prompts: prompts.filter((_, j) => j !== k) })}>
                Remove band wording {k + 1}
              </button>
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => set({ ...q, prompts: [...prompts, { id: `band${prompts.length + 1}`, showIf: conditionOn(earlier[0]!), text: q.text }] })}>
            + Band wording
          </button>
        </>
      )}
      {options &&
        skip.map((r, k) => (
          <div key={k} class="grid3 skip">
            <label>
              Skip rule {k + 1}: answer
              <select value={r.anyOf?.[0] ?? ''} onChange={(e) => set({ ...q, skip: skip.map((x, j) => (j === k ? { ...x, anyOf: [e.currentTarget.value] } : x)) })}>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Skip rule {k + 1}: go to
              <select value={r.to} onChange={(e) => set({ ...q, skip: skip.map((x, j) => (j === k ? { ...x, to: e.currentTarget.value } : x)) })}>
                {later.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.id}
                  </option>
                ))}
                <option value="$end">the end</option>
              </select>
            </label>
            <button type="button" class="danger" onClick={() => set({ ...q, skip: skip.filter((_, j) => j !== k) })}>
              Remove skip rule {k + 1}
            </button>
          </div>
        ))}
      {options && (
        <button type="button" class="secondary" onClick={() => set({ ...q, skip: [...skip, { anyOf: [options[0]!.id], to: '$end' }] })}>
          + Skip rule
        </button>
      )}
    </details>
  );
}

/** End screens: the first whose condition holds is shown when the survey is done. */
export function EndingsEditor({ d, set }: { d: Draft; set: (patch: Partial<Draft>) => void }) {
  const earlier = testable(d.questions);
  const put = (k: number, e: Ending) => set({ endings: d.endings.map((x, j) => (j === k ? e : x)) });
  return (
    <fieldset class="endings">
      <legend>End screens</legend>
      <p class="muted">The first end screen whose condition holds is shown; with none, the widget thanks the respondent.</p>
      {d.endings.map((e, k) => (
        <div key={k} class="ending">
          <div class="grid3">
            <label>
              End screen {k + 1} text
              <input required value={e.text} onInput={(ev) => put(k, { ...e, text: ev.currentTarget.value })} />
            </label>
            <label>
              Link URL (optional)
              <input type="url" value={e.linkUrl ?? ''} onInput={(ev) => put(k, { ...e, linkUrl: ev.currentTarget.value || undefined })} />
            </label>
            <label>
              Link label
              <input value={e.linkLabel ?? ''} onInput={(ev) => put(k, { ...e, linkLabel: ev.currentTarget.value || undefined })} />
            </label>
          </div>
          {e.showIf && <ConditionFields c={e.showIf} earlier={earlier} label={`End screen ${k + 1} when`} set={(showIf) => put(k, { ...e, showIf })} />}
          <button type="button" class="danger" onClick={() => set({ endings: d.endings.filter((_, j) => j !== k) })}>
            Remove end screen {k + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() => {
          let n = d.endings.length + 1;
          while (d.endings.some((e) => e.id === `end${n}`)) n++;
          set({ endings: [...d.endings, { id: `end${n}`, text: 'Thank you!', ...(earlier[0] ? { showIf: conditionOn(earlier[0]) } : {}) }] });
        }}
      >
        + End screen
      </button>
    </fieldset>
  );
}
