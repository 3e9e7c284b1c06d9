/** Revenue as a short whole number (e.g. 1.2M, 58k); the currency is the workspace's own. */
export const formatMoney = (v: number | null | undefined): string =>
  v === null || v === undefined ? '–' : new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(v);
