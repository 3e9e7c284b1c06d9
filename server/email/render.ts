import type { Question } from '../contracts/survey-config';
import { scales } from '../services/answers';
import type { MailMessage } from '../mail/transport';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The scale a first question offers as buttons in the email, if it is a score question. */
export function emailScale(q: Question | undefined): readonly [number, number] | undefined {
  return q && (q.kind === 'nps' || q.kind === 'csat' || q.kind === 'ces') ? scales[q.kind] : undefined;
}

export interface SurveyEmail {
  to: string;
  name: string | null;
  workspace: string;
  question: Question | undefined;
  /** `${base}/s/${surveyId}?t=${token}`: the score is appended per button. */
  surveyUrl: string;
  unsubscribeUrl: string;
  reminder: boolean;
}

/**
 * The survey email: the first question's scale as one link per score (one click answers it),
 * a plain-text twin, and RFC 8058 one-click unsubscribe headers (mail clients POST
 * `List-Unsubscribe=One-Click` to the URL, which needs no login).
 */
export function surveyEmail(e: SurveyEmail): MailMessage {
  const scale = emailScale(e.question);
  const ask = e.question?.text ?? `${e.workspace} would like your feedback`;
  const scores = scale ? Array.from({ length: scale[1] - scale[0] + 1 }, (_, i) => scale[0] + i) : [];
  const link = (n: number) => `${e.surveyUrl}&score=${n}`;
  const greeting = e.name ? `Hi ${e.name},` : 'Hi,';
  const lead = e.reminder ? `A quick reminder: ${e.workspace} would still love to hear from you.` : `${e.workspace} would love to hear from you.`;
  const text = [
    greeting,
    '',
    lead,
    '',
    ask,
    '',
    ...(scores.length ? scores.map((n) => `${n}: ${link(n)}`) : [e.surveyUrl]),
    '',
    `Unsubscribe: ${e.unsubscribeUrl}`,
  ].join('\n');
  const buttons = scores.length
    ? `<table role="presentation" cellspacing="0" cellpadding="0"><tr>${scores
        .map((n) => `<td style="padding:2px"><a href="${esc(link(n))}" style="display:inline-block;min-width:28px;padding:8px 4px;border:1px solid #c7d2fe;border-radius:6px;text-align:center;color:#3730a3;text-decoration:none;font:600 15px system-ui,sans-serif">${n}</a></td>`)
        .join('')}</tr></table>`
    : `<p><a href="${esc(e.surveyUrl)}">Start the survey</a></p>`;
  const html = `<!doctype html><html><body style="font:15px/1.5 system-ui,sans-serif;color:#1f2937"><p>${esc(greeting)}</p><p>${esc(lead)}</p><p style="font-weight:600">${esc(ask)}</p>${buttons}<p style="color:#6b7280;font-size:12px;margin-top:24px"><a href="${esc(e.unsubscribeUrl)}" style="color:#6b7280">Unsubscribe</a> from these surveys.</p></body></html>`;
  return {
    to: e.to,
    subject: e.reminder ? `Reminder: ${ask}` : ask,
    text,
    html,
    headers: { 'List-Unsubscribe': `<${e.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
