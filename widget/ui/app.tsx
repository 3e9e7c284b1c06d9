import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Answers, MountOptions } from '../types';
import { isRtl, localize, pickLocale } from './i18n';
import { appearanceVars } from './styles';
import { scaleOf, Step, type Value } from './step';
import { endingFor, next, textFor } from '../logic';

const THANKS_MS = 4000;

/** Drops empty answers: an untouched comment box is not an answer. */
const filled = (a: Record<string, Value | undefined>): Answers => {
  const out: Answers = {};
  for (const [k, v] of Object.entries(a)) if (v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)) out[k] = v;
  return out;
};

/** One survey: a step per question the logic shows, progress, an end screen, dismiss. */
export function Survey({ o, close }: { o: MountOptions; close: () => void }) {
  const s = o.survey;
  const locale = pickLocale(s, navigator.languages ?? [navigator.language]);
  const { questions, endings, str } = localize(s, locale);
  const rtl = isRtl(locale);
  const [step, setStep] = useState(0);
  const [answers, setAnswers] = useState<Record<string, Value | undefined>>({});
  const root = useRef<HTMLDivElement>(null);
  // Focus moves with the steps only once the person is in the survey: at once when they
  // asked for it, on their first Tab or click into it when the page's targeting opened it.
  const engaged = useRef(!o.unsolicited && !o.passive);
  const [announcement, setAnnouncement] = useState('');
  const total = questions.length;
  const q = questions[step];
  const value = q && answers[q.id];
  const empty = value === undefined || value === '' || (Array.isArray(value) && !value.length);

  // Every step is sent as soon as it is answered, so leaving half-way loses nothing; the
  // survey logic (skip rules, conditions) picks the step after it.
  const submit = (a: typeof answers) => {
    const to = next(questions, step, filled(a));
    o.send(filled(a), to >= total, locale);
    setStep(to);
  };
  const end = q ? undefined : endingFor(endings, filled(answers));
  const set = (v: Value | undefined, advance: boolean) => {
    if (!q) return;
    const a = { ...answers, [q.id]: v };
    setAnswers(a);
    if (advance) submit(a);
  };

  // Link surveys: `?score=N` answers the first score question (when N fits its scale).
  useEffect(() => {
    const range = questions[0] && scaleOf(questions[0]);
    if (o.score !== undefined && range && o.score >= range[0] && o.score <= range[1]) set(o.score, true);
  }, []);

  // Focus follows the step: the checked/first option, the text box, or the thank-you note.
  // A layout effect, so focus has moved before the new step is painted and a fast keyboard
  // user never types into the void.
  useLayoutEffect(() => {
    if (engaged.current) root.current?.querySelector<HTMLElement>('[tabindex="0"],textarea,.ch button,.t')?.focus({ preventScroll: true });
    if (step >= total && !o.inline) {
      const t = setTimeout(close, THANKS_MS);
      return () => clearTimeout(t);
    }
  }, [step]);

  // A live region announces what it does not focus: filled after it is in the document, so
  // screen readers notice the change.
  useEffect(() => {
    if (!o.unsolicited) return;
    const t = setTimeout(() => setAnnouncement(`${str('survey')}: ${questions[0]?.text ?? ''}`), 100);
    return () => clearTimeout(t);
  }, []);

  const labelId = `q${step}`;
  return (
    <div
      ref={root}
      class={`w ${o.inline ? 'in' : s.appearance.position}`}
      style={appearanceVars(s.appearance)}
      role={o.inline ? 'main' : 'dialog'}
      aria-labelledby={labelId}
      lang={locale}
      dir={rtl ? 'rtl' : 'ltr'}
      onKeyDown={(e) => e.key === 'Escape' && !o.inline && close()}
      onFocusIn={() => (engaged.current = true)}
      onPointerDown={() => (engaged.current = true)}
    >
      {o.unsolicited && (
        <p class="sr" aria-live="polite">
          {announcement}
        </p>
      )}
      {o.preview && (
        <p class="pv" role="note">
          {str('preview')}
        </p>
      )}
      {q ? (
        <>
          <div class="bar" role="progressbar" aria-label={str('progress').replace('{n}', String(step + 1)).replace('{total}', String(total))} aria-valuenow={step + 1} aria-valuemin={1} aria-valuemax={total}>
            <div style={{ width: `${(100 * (step + 1)) / total}%` }} />
          </div>
          <h2 id={labelId}>{textFor(q, filled(answers))}</h2>
          <Step key={q.id} q={q} value={value} str={str} rtl={rtl} labelId={labelId} set={set} />
          {(q.kind === 'text' || (q.kind === 'choice' && q.multiple) || !q.required) && (
            <div class="f">
              {!q.required && empty && q.kind !== 'text' && !(q.kind === 'choice' && q.multiple) ? (
                <button type="button" onClick={() => submit(answers)}>
                  {str('skip')}
                </button>
              ) : (
                <button type="button" class="p" disabled={q.required && empty} onClick={() => submit(answers)}>
                  {str(next(questions, step, filled(answers)) < total ? 'next' : 'submit')}
                </button>
              )}
            </div>
          )}
        </>
      ) : (
        <>
          <h2 id={labelId} class="t" tabIndex={-1}>
            {end?.text ?? str('thanks')}
          </h2>
          {end?.linkUrl && (
            <div class="f">
              <a class="p" href={end.linkUrl} target="_blank" rel="noopener">
                {end.linkLabel ?? end.linkUrl}
              </a>
            </div>
          )}
        </>
      )}
      {/* Last in tab order (it is placed top corner): Tab into the survey reaches the question first. */}
      {!o.inline && (
        <button type="button" class="x" aria-label={str('close')} onClick={close}>
          ×
        </button>
      )}
    </div>
  );
}
