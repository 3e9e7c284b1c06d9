import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { download, fileStem, svgDocument, svgToPng, toCsv, type Cell } from '../lib/export';

interface Props {
  /** What is exported, for the menu's name and the file names. */
  title: string;
  /** The element holding the chart's SVG; tables pass none and export CSV only. */
  chart?: RefObject<HTMLElement | null>;
  /** The figures shown, as rows (the first is the header): the API's numbers. */
  rows: () => (readonly Cell[])[];
}

/** "Export" for one chart or table: PNG and SVG of the chart as rendered, CSV of its figures. */
export function ExportMenu({ title, chart, rows }: Props) {
  const [error, setError] = useState('');
  const stem = fileStem(title);
  const svg = () => chart?.current?.querySelector<SVGSVGElement>('svg[role="group"]') ?? null;
  const run = (fn: () => Promise<void> | void) => async () => {
    setError('');
    try {
      await fn();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <details class="export-menu">
      <summary aria-label={`Export ${title}`}>Export</summary>
      <div class="export-items">
        {chart && (
          <>
            <button type="button" onClick={run(async () => download(`${stem}.png`, await svgToPng(svg()!)))}>
              PNG image
            </button>
            <button type="button" onClick={run(() => download(`${stem}.svg`, new Blob([svgDocument(svg()!).text], { type: 'image/svg+xml' })))}>
              SVG image
            </button>
          </>
        )}
        <button type="button" onClick={run(() => download(`${stem}.csv`, new Blob([toCsv(rows())], { type: 'text/csv;charset=utf-8' })))}>
          CSV data
        </button>
        {error && <span class="neg-text">{error}</span>}
      </div>
    </details>
  );
}
