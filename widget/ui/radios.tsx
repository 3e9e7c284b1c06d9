import { useRef, useState } from 'preact/hooks';

export interface RadioOption<V> {
  value: V;
  text: string;
  /** Screen-reader name, e.g. "0, Not at all likely". */
  label: string;
}

const steps: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * A WAI-ARIA radio group with a roving tabindex: Tab enters on the checked (or first)
 * option, arrow keys move, Home/End jump, Enter/Space/click choose. Moving does not choose,
 * because choosing submits the answer at once (one-click scores).
 */
export function Radios<V extends string | number>(p: { options: RadioOption<V>[]; value: V | undefined; labelledBy: string; rtl: boolean; onPick: (v: V) => void; wide?: boolean }) {
  const checked = p.options.findIndex((o) => o.value === p.value);
  const [focus, setFocus] = useState(Math.max(0, checked));
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const n = p.options.length;

  const onKeyDown = (e: KeyboardEvent) => {
    let d = steps[e.key];
    // In right-to-left layouts the visual left is "next".
    if (d && p.rtl && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) d = -d;
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : d ? (focus + d + n) % n : -1;
    if (to < 0) return;
    e.preventDefault();
    setFocus(to);
    refs.current[to]?.focus();
  };

  return (
    <div role="radiogroup" aria-labelledby={p.labelledBy} class={p.wide ? 'ch' : 'sc'} onKeyDown={onKeyDown}>
      {p.options.map((o, i) => (
        <button
          type="button"
          role="radio"
          aria-checked={i === checked}
          aria-label={o.label}
          tabIndex={i === focus ? 0 : -1}
          ref={(el) => {
            refs.current[i] = el;
          }}
          onFocus={() => setFocus(i)}
          onClick={() => p.onPick(o.value)}
        >
          {o.text}
        </button>
      ))}
    </div>
  );
}
