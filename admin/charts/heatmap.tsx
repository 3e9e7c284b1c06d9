/** One cell of the CPI heatmap, as the API judged it. */
export interface HeatCell {
  text: string;
  status: 'met' | 'missed' | 'uncertain' | 'none';
  note: string;
  href?: string | undefined;
  /** The change against the comparison period, already worded ("▼ −8.0 (sig.)"); `significant` colours it. */
  change?: { text: string; significant: boolean; down: boolean } | undefined;
}

interface Props {
  caption: string;
  rows: { label: string; cells: HeatCell[] }[];
  columns: string[];
}

const statusText = { met: 'met', missed: 'missed', uncertain: 'uncertain', none: 'no target or data' } as const;

/** Touchpoints × CPIs as a table (readable by screen readers), coloured by status against target. */
export function Heatmap({ caption, rows, columns }: Props) {
  return (
    <div class="heat-wrap">
      <table class="heatmap">
        <caption class="sr">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Touchpoint</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, i) => (
                <td key={i} class={`heat ${c.status}`} title={c.note}>
                  {c.href ? <a href={c.href}>{c.text}</a> : c.text}
                  {c.change && <small class={`change ${c.change.significant ? `sig ${c.change.down ? 'down' : 'up'}` : 'ns'}`}>{c.change.text}</small>}
                  <span class="sr"> ({statusText[c.status]}; {c.note})</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="legend">
        <span class="heat met">met</span> the 95 % interval is above target · <span class="heat uncertain">uncertain</span> it straddles the target ·{' '}
        <span class="heat missed">missed</span> it is below target
      </p>
    </div>
  );
}
