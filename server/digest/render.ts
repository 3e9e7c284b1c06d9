import type { Digest } from './build';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const num = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const signed = (x: number, digits = 1) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(100 * x)} %`);

/** The digest as lines of plain text, grouped in sections; the email, HTML and Slack forms are built from these. */
export function digestSections(d: Digest): { title: string; lines: string[] }[] {
  const v = d.volume;
  return [
    {
      title: 'Significant changes',
      lines: d.significantChanges.length
        ? d.significantChanges.map((c) => `${c.touchpoint} · ${c.label}: ${num(c.value)} (${signed(c.delta)} points vs the week before; n ${c.n}, ±${num(c.margin, 1)})`)
        : ['No significant change in NPS, CSAT, CES or CPI attainment at any touchpoint.'],
    },
    {
      title: 'Themes that moved',
      lines: d.themes.length
        ? d.themes.flatMap((t) => [
            `${t.label}: ${pct(t.shareBefore)} → ${pct(t.share)} of comments${t.shareChange?.significant ? ' (significant)' : ''}; sentiment ${num(t.sentimentBefore, 2)} → ${num(t.sentiment, 2)}`,
            ...t.verbatims.map((q) => `    “${q.comment.slice(0, 300)}”`),
          ])
        : ['No theme moved.'],
    },
    {
      title: 'CPIs below target',
      lines: d.cpisBelowTarget.length
        ? d.cpisBelowTarget.map((c) => `${c.touchpoint} · ${c.name}: ${pct(c.attainment)} (95 % ${pct(c.interval?.low ?? null)}–${pct(c.interval?.high ?? null)}, n ${c.answered}) against ${pct(c.target)}`)
        : ['Every CPI with a target is on or above it, or too close to tell.'],
    },
    {
      title: 'Close the loop',
      lines: [`${d.loops.detractors} detractors: ${d.loops.open} open, ${d.loops.inProgress} in progress, ${d.loops.closed} closed; median time to close ${d.loops.medianHoursToClose === null ? '–' : `${num(d.loops.medianHoursToClose, 1)} h`}`],
    },
    {
      title: 'Volume',
      lines: [`${v.responses} responses (previous ${v.previousWeeks.length} weeks: mean ${num(v.previousMean, 1)}${v.changePercent === null ? '' : `, ${signed(v.changePercent, 0)} %`})`],
    },
    {
      title: 'Accounts that turned red',
      lines: d.accountsTurnedRed.length
        ? d.accountsTurnedRed.map((a) => `${a.account}: health ${a.score}${a.revenue === null ? '' : `, revenue ${a.revenue}`}${a.renewalDate ? `, renews ${a.renewalDate}` : ''}`)
        : ['None.'],
    },
    {
      title: 'Anomalies',
      lines: d.anomalies.length
        ? d.anomalies.map((a) => `${a.day} · ${a.metric === 'nps' ? 'NPS' : 'responses'} ${num(a.value)} against a usual ${num(a.median)} (z ${signed(a.z)}; flagged at ${a.flaggedAt.join(', ')} sensitivity)`)
        : ['No unusual day.'],
    },
  ];
}

export const digestSubject = (d: Digest) => `${d.workspace.name}: weekly digest, week of ${d.week}`;

/** The email: text and HTML of the same sections, each with the member's unsubscribe link. */
export function digestEmail(d: Digest, links: { dashboard: string | undefined; unsubscribe: string }): { subject: string; text: string; html: string } {
  const sections = digestSections(d);
  const text = [
    `${digestSubject(d)} (${d.week} – ${d.weekEnd}, ${d.workspace.timeZone})`,
    '',
    ...sections.flatMap((s) => [s.title.toUpperCase(), ...s.lines.map((l) => `- ${l.trimStart()}`), '']),
    ...(links.dashboard ? [`Open the digest: ${links.dashboard}`] : []),
    `Unsubscribe: ${links.unsubscribe}`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:640px">
<h1 style="font-size:20px">${esc(digestSubject(d))}</h1><p style="color:#6b7280">${esc(d.week)} – ${esc(d.weekEnd)}, ${esc(d.workspace.timeZone)}</p>
${sections.map((s) => `<h2 style="font-size:16px">${esc(s.title)}</h2><ul>${s.lines.map((l) => `<li>${esc(l.trim())}</li>`).join('')}</ul>`).join('\n')}
${links.dashboard ? `<p><a href="${esc(links.dashboard)}">Open the digest in Chorus</a></p>` : ''}
<p style="color:#6b7280;font-size:12px">You receive this as a member of ${esc(d.workspace.name)}. <a href="${esc(links.unsubscribe)}">Unsubscribe</a></p></body></html>`;
  return { subject: digestSubject(d), text, html };
}

/** One Slack message (mrkdwn; escaping is done by the webhook dispatcher). */
export const digestSlackText = (d: Digest): string =>
  [`*${digestSubject(d)}*`, ...digestSections(d).flatMap((s) => [`*${s.title}*`, ...s.lines.map((l) => (l.startsWith('    ') ? `> ${l.trim()}` : `• ${l}`))])].join('\n');
