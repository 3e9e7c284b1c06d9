import type { Question } from '../types';
import type { Strings } from './i18n';
import { Radios, type RadioOption } from './radios';

export type Value = number | string | string[];

const ranges = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;

/** The score range of a scale question, or undefined for other kinds. */
export const scaleOf = (q: Question): readonly [number, number] | undefined => (q.kind in ranges ? ranges[q.kind as keyof typeof ranges] : undefined);

function scaleOptions(q: Question & { kind: 'nps' | 'csat' | 'ces' }, str: Strings): { options: RadioOption<number>[]; low: string; high: string } {
  const [min, max] = ranges[q.kind];
  const low = q.lowLabel ?? str(`${q.kind}Low`);
  const high = q.highLabel ?? str(`${q.kind}High`);
  const options = Array.from({ length: max - min + 1 }, (_, i) => {
    const v = min + i;
    return { value: v, text: String(v), label: v === min ? `${v}, ${low}` : v === max ? `${v}, ${high}` : String(v) };
  });
  return { options, low, high };
}

export interface StepProps {
  q: Question;
  value: Value | undefined;
  str: Strings;
  rtl: boolean;
  labelId: string;
  /** Records the value; `advance` submits the step (single-choice kinds are one click). */
  set: (v: Value | undefined, advance: boolean) => void;
}

/** The input for one question, whatever its kind. */
export function Step({ q, value, str, rtl, labelId, set }: StepProps) {
  const common = { labelledBy: labelId, rtl, onPick: (v: string | number) => set(v, true) };
  if (q.kind === 'nps' || q.kind === 'csat' || q.kind === 'ces') {
    const { options, low, high } = scaleOptions(q, str);
    return (
      <>
        <Radios {...common} options={options} value={value as number | undefined} />
        <div class="lh" aria-hidden="true">
          <span>{low}</span>
          <span>{high}</span>
        </div>
      </>
    );
  }
  if (q.kind === 'cpi') {
    const options = (['yes', 'partly', 'no'] as const).map((v) => ({ value: v, text: str(v), label: str(v) }));
    return <Radios {...common} options={options} value={value as string | undefined} />;
  }
  if (q.kind === 'text') {
    return (
      <textarea
        aria-labelledby={labelId}
        maxLength={q.maxLength}
        placeholder={q.placeholder}
        value={(value as string | undefined) ?? ''}
        onInput={(e) => set((e.currentTarget as HTMLTextAreaElement).value, false)}
      />
    );
  }
  const options = q.options.map((o) => ({ value: o.id, text: o.label, label: o.label }));
  if (!q.multiple) return <Radios {...common} wide options={options} value={value as string | undefined} />;
  const picked = (value as string[] | undefined) ?? [];
  return (
    <div role="group" aria-labelledby={labelId} class="ch">
      {options.map((o) => {
        const on = picked.includes(o.value);
        return (
          <button type="button" role="checkbox" aria-checked={on} onClick={() => set(on ? picked.filter((x) => x !== o.value) : [...picked, o.value], false)}>
            {o.text}
          </button>
        );
      })}
    </div>
  );
}
