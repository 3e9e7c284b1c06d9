import type { Cpi } from '../hooks/use-cpis';
import { QuestionLogic } from './logic-editor';
import { kindLabels, newQuestion, type Question, type QuestionKind } from './draft';

interface Props {
  questions: Question[];
  cpis: Cpi[];
  onChange: (qs: Question[]) => void;
}

/** The ordered questions of a survey; each kind shows the fields it has. */
export function QuestionsEditor({ questions, cpis, onChange }: Props) {
  const set = (i: number, q: Question) => onChange(questions.map((x, j) => (j === i ? q : x)));
  const move = (i: number, by: -1 | 1) => {
    const qs = [...questions];
    [qs[i], qs[i + by]] = [qs[i + by]!, qs[i]!];
    onChange(qs);
  };
  const add = (kind: QuestionKind) => onChange([...questions, newQuestion(kind, questions.map((q) => q.id), cpis[0]?.id)]);
  return (
    <div class="questions">
      {questions.map((q, i) => (
        <fieldset key={i} class="question">
          <legend>
            Question {i + 1}: {kindLabels[q.kind]}
          </legend>
          <div class="grid2">
            <label>
              Question text
              <input required value={q.text} onInput={(e) => set(i, { ...q, text: e.currentTarget.value })} />
            </label>
            <label>
              Answer key (id)
              <input required pattern="[A-Za-z0-9_\-]+" value={q.id} onInput={(e) => set(i, { ...q, id: e.currentTarget.value })} />
            </label>
          </div>
          <KindFields q={q} cpis={cpis} set={(nq) => set(i, nq)} />
          <QuestionLogic q={q} i={i} questions={questions} set={(nq) => set(i, nq)} />
          <div class="actions">
            <label class="check">
              <input type="checkbox" checked={q.required} onChange={(e) => set(i, { ...q, required: e.currentTarget.checked })} /> Required
            </label>
            <button type="button" class="icon" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move question ${i + 1} up`}>
              ↑
            </button>
            <button type="button" class="icon" disabled={i === questions.length - 1} onClick={() => move(i, 1)} aria-label={`Move question ${i + 1} down`}>
              ↓
            </button>
            <button type="button" class="danger" disabled={questions.length === 1} onClick={() => onChange(questions.filter((_, j) => j !== i))}>
              Remove question {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <div class="actions" role="group" aria-label="Add a question">
        {(Object.keys(kindLabels) as QuestionKind[]).map((k) => (
          <button key={k} type="button" class="secondary" onClick={() => add(k)} disabled={k === 'cpi' && cpis.length === 0}>
            + {kindLabels[k]}
          </button>
        ))}
      </div>
    </div>
  );
}

function KindFields({ q, cpis, set }: { q: Question; cpis: Cpi[]; set: (q: Question) => void }) {
  switch (q.kind) {
    case 'nps':
    case 'csat':
    case 'ces':
      return (
        <div class="grid2">
          <label>
            Low end label
            <input value={q.lowLabel ?? ''} onInput={(e) => set({ ...q, lowLabel: e.currentTarget.value })} />
          </label>
          <label>
            High end label
            <input value={q.highLabel ?? ''} onInput={(e) => set({ ...q, highLabel: e.currentTarget.value })} />
          </label>
        </div>
      );
    case 'cpi':
      return (
        <label>
          CPI measured
          <select required value={q.cpiId} onChange={(e) => set({ ...q, cpiId: e.currentTarget.value })}>
            {cpis.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      );
    case 'text':
      return (
        <div class="grid2">
          <label>
            Placeholder
            <input value={q.placeholder ?? ''} onInput={(e) => set({ ...q, placeholder: e.currentTarget.value })} />
          </label>
          <label>
            Max length
            <input type="number" min={1} max={5000} value={q.maxLength} onInput={(e) => set({ ...q, maxLength: Number(e.currentTarget.value) })} />
          </label>
        </div>
      );
    case 'choice':
      return (
        <div>
          <label class="check">
            <input type="checkbox" checked={q.multiple} onChange={(e) => set({ ...q, multiple: e.currentTarget.checked })} /> Several answers allowed
          </label>
          {q.options.map((o, j) => (
            <div key={j} class="grid2 option">
              <label>
                Option {j + 1} label
                <input required value={o.label} onInput={(e) => set({ ...q, options: q.options.map((x, k) => (k === j ? { ...x, label: e.currentTarget.value } : x)) })} />
              </label>
              <label>
                Option {j + 1} id
                <input required value={o.id} onInput={(e) => set({ ...q, options: q.options.map((x, k) => (k === j ? { ...x, id: e.currentTarget.value } : x)) })} />
              </label>
              <button type="button" class="danger" disabled={q.options.length === 1} onClick={() => set({ ...q, options: q.options.filter((_, k) => k !== j) })}>
                Remove option {j + 1}
              </button>
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => set({ ...q, options: [...q.options, { id: `o${q.options.length + 1}`, label: `Option ${q.options.length + 1}` }] })}>
            + Option
          </button>
        </div>
      );
  }
}
