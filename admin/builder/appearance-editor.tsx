import type { Draft } from './draft';

const positions = { 'bottom-right': 'Bottom right', 'bottom-left': 'Bottom left', center: 'Centre' } as const;

/** Position, colours and corner radius (the widget's CSS variables). */
export function AppearanceEditor({ d, set }: { d: Draft; set: (patch: Partial<Draft>) => void }) {
  const a = d.appearance;
  const put = (p: Partial<Draft['appearance']>) => set({ appearance: { ...a, ...p } });
  const colour = (key: 'accentColor' | 'backgroundColor' | 'textColor', label: string) => (
    <label>
      {label}
      <span class="colour">
        <input type="color" value={/^#[0-9a-f]{6}$/i.test(a[key]) ? a[key] : '#000000'} onInput={(e) => put({ [key]: e.currentTarget.value })} aria-label={`${label} picker`} />
        <input value={a[key]} onInput={(e) => put({ [key]: e.currentTarget.value })} />
      </span>
    </label>
  );
  return (
    <fieldset class="grid3">
      <legend>Appearance</legend>
      <label>
        Position
        <select value={a.position} onChange={(e) => put({ position: e.currentTarget.value as keyof typeof positions })}>
          {Object.entries(positions).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      {colour('accentColor', 'Accent colour')}
      {colour('backgroundColor', 'Background')}
      {colour('textColor', 'Text colour')}
      <label>
        Corner radius (px)
        <input type="number" min={0} max={32} value={a.borderRadius} onInput={(e) => put({ borderRadius: Number(e.currentTarget.value) })} />
      </label>
    </fieldset>
  );
}
