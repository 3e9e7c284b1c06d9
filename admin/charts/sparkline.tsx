/** A theme's mentions per bucket as small bars; the text alternative says what it shows. */
export function Sparkline({ values, label }: { values: readonly number[]; label: string }) {
  const w = 96;
  const h = 24;
  const max = Math.max(1, ...values);
  const step = values.length > 0 ? w / values.length : w;
  return (
    <svg class="sparkline" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label}>
      {values.map((v, i) => {
        const bh = v === 0 ? 1 : Math.max(2, (v / max) * h);
        return <rect key={i} x={i * step + 1} y={h - bh} width={Math.max(1, step - 2)} height={bh} class={i === values.length - 1 ? 'last' : ''} />;
      })}
    </svg>
  );
}

/** A share in [0, 1] (of the page's largest) as a bar; the number beside it is what one reads. */
export function ShareBar({ share }: { share: number | null }) {
  const w = 80;
  return (
    <svg class="share-bar" viewBox={`0 0 ${w} 8`} width={w} height={8} aria-hidden="true">
      <rect x={0} y={0} width={w} height={8} rx={4} class="track" />
      <rect x={0} y={0} width={Math.max(share ? 3 : 0, Math.min(1, share ?? 0) * w)} height={8} rx={4} class="fill" />
    </svg>
  );
}
