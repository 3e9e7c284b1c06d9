// Chart and table export in the browser, from what the page already renders: the chart's SVG
// with its computed styles inlined (the stylesheet does not travel with a file), drawn onto a
// canvas for PNG; CSV from the same API figures the chart shows.

export type Cell = string | number | boolean | null | undefined;

/** Spreadsheets run a text cell starting with = + - @ (or tab / CR) as a formula; numbers stay numbers. */
const csvCell = (v: Cell): string => {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 CSV (CRLF line ends) of a header row and data rows. */
export const toCsv = (rows: readonly (readonly Cell[])[]): string => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

// The presentation properties the admin's CSS sets on chart parts.
const styled = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'text-anchor', 'visibility', 'display'] as const;

/** The SVG as a standalone document: computed styles as presentation attributes, sized from its viewBox, on white. */
export function svgDocument(svg: SVGSVGElement, scale = 1): { text: string; width: number; height: number } {
  const vb = svg.viewBox.baseVal;
  const width = Math.round((vb?.width || svg.clientWidth) * scale);
  const height = Math.round((vb?.height || svg.clientHeight) * scale);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const out = to[i] as SVGElement;
    // Presentation attributes, not a style attribute: the admin's CSP forbids inline styles.
    for (const p of styled) out.setAttribute(p, cs.getPropertyValue(p));
    out.removeAttribute('class');
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('x', String(vb?.x ?? 0));
  bg.setAttribute('y', String(vb?.y ?? 0));
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  copy.insertBefore(bg, copy.firstChild);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`, width, height };
}

/** The SVG rasterised at `scale` × its viewBox (2 × for sharp slides). */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const doc = svgDocument(svg, scale);
  const img = new Image();
  // A data: URL, which the admin's CSP allows for images (blob: it does not).
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(doc.text)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = doc.width;
  canvas.height = doc.height;
  canvas.getContext('2d')!.drawImage(img, 0, 0, doc.width, doc.height);
  return new Promise((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('PNG encoding failed'))), 'image/png'));
}

/** Saves `blob` as a file named `name`. */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name stem from a title: "NPS of Checkout" → "nps-of-checkout". */
export const fileStem = (title: string): string => title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'chart';
