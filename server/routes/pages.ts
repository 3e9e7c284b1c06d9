import { Hono, type Context } from 'hono';
import { linkSurvey } from '../queries/surveys';
import type { AppEnv } from '../env';
import { documentHeaders } from '../static-headers';
import { DEMO_PUBLIC_KEY } from '../seed/demo';
import { emailLink } from '../email/score-link';
import { scorePageBody } from '../email/score-page';
import { verifyUnsubscribeToken } from '../digest/unsubscribe';
import { setDigestSubscription } from '../queries/digest-members';

// Server-rendered HTML pages: the /demo host page and hosted link surveys (/s/:surveyId).
// Every page gets the strict CSP of server/static-headers.ts: no inline script or style; the
// widget reads its configuration from data-* attributes and its styles are constructable
// stylesheets.

export const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function page(c: Context<AppEnv>, status: 200 | 404 | 409 | 410, o: { title: string; lang?: string; body: string }) {
  for (const [name, value] of Object.entries(documentHeaders)) c.header(name, value);
  c.header('Cache-Control', 'no-cache');
  return c.html(
    `<!doctype html><html lang="${esc(o.lang ?? 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(o.title)}</title><link rel="stylesheet" href="/pages.css"><link rel="icon" href="data:,"></head><body>${o.body}</body></html>`,
    status,
  );
}

/** Looks a survey up by id across workspaces: link-survey ids are unguessable, so the id is the capability. */

export const notice = (title: string, text: string) => `<main class="notice"><h1>${esc(title)}</h1><p>${esc(text)}</p></main>`;

const demoPages = ['signup', 'onboarding', 'support', 'checkout', 'renewal'] as const;
const demoTitles: Record<string, string> = { signup: 'Create your account', onboarding: 'Welcome aboard', support: 'Your ticket is closed', checkout: 'Order confirmed', renewal: 'Renew your plan' };

function demoBody(current: string | undefined): string {
  const nav = demoPages.map((p) => `<a href="/demo/${p}"${p === current ? ' aria-current="page"' : ''}>${p[0]!.toUpperCase()}${p.slice(1)}</a>`).join('');
  const snippet = `<script async src="${'https://YOUR-CHORUS-HOST'}/widget.js" data-key="${DEMO_PUBLIC_KEY}"></script>`;
  const hero = current
    ? `<h1>${esc(demoTitles[current]!)}</h1><p>This page stands for the <b>${esc(current)}</b> touchpoint: its survey targets URLs containing “${esc(current)}”.</p>`
    : `<h1>Cloud hosting that gets out of your way</h1><p>Deploy in seconds, scale without thinking, and sleep through the night. This is a fake product page that embeds the Chorus widget for the demo workspace.</p><p><a class="btn" href="/demo/signup">Start free trial</a></p>`;
  return `<header class="top"><a class="logo" href="/demo">▲ Acme Cloud</a><nav>${nav}</nav></header>
<main class="demo"><section class="hero">${hero}</section>
<section class="cards"><article><h2>Deploy</h2><p>Push to git, get a URL. Previews for every branch.</p></article><article><h2>Scale</h2><p>From zero to millions of requests with no configuration.</p></article><article><h2>Observe</h2><p>Logs, traces and metrics in one place, kept for 30 days.</p></article></section>
<section class="embed"><h2>The snippet on this page</h2><pre><code>${esc(snippet)}</code></pre><p>Open the console: the widget runs in debug mode here and says why each survey did or did not show. A survey shows once per respondent within the recontact period; run <code>chorus('reset')</code> in the console to start over. Docs: <code>docs/WIDGET.md</code>.</p></section></main>
<footer class="foot">Acme Cloud is not a real company.</footer>
<script async src="/widget.js" data-key="${DEMO_PUBLIC_KEY}" data-debug></script>`;
}

const css = `*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f8fafc}
a{color:#4f46e5}.top{display:flex;flex-wrap:wrap;gap:16px;align-items:center;justify-content:space-between;padding:16px 32px;background:#fff;border-bottom:1px solid #e5e7eb}
.logo{font-weight:700;font-size:20px;text-decoration:none;color:#111827}.top nav{display:flex;flex-wrap:wrap;gap:16px}.top nav a{text-decoration:none;color:#4b5563}.top nav a[aria-current]{color:#4f46e5;font-weight:600}
.demo{max-width:960px;margin:0 auto;padding:48px 24px}.hero h1{font-size:40px;line-height:1.15;margin:0 0 16px;color:#111827}.hero p{max-width:640px;font-size:18px;color:#4b5563}
.btn{display:inline-block;padding:10px 20px;border-radius:8px;border:0;font:inherit;cursor:pointer;background:#4f46e5;color:#fff;text-decoration:none;font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:16px;margin:48px 0}.cards article{background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:20px}.cards h2{margin:0 0 8px;font-size:18px}
.embed pre{overflow:auto;background:#111827;color:#e5e7eb;padding:16px;border-radius:8px;font-size:14px}.foot{text-align:center;color:#9ca3af;padding:32px}
.link{max-width:600px;margin:0 auto;padding:48px 16px}.link h1{font-size:14px;font-weight:600;color:#6b7280;text-align:center;margin:0 0 16px}
.notice{max-width:520px;margin:15vh auto;padding:32px;text-align:center;background:#fff;border:1px solid #e5e7eb;border-radius:12px}.notice h1{font-size:24px;margin:0 0 8px}
@media (max-width:600px){.top{padding:12px 16px}.hero h1{font-size:30px}}`;

export const pageRoutes = new Hono<AppEnv>()
  .get('/pages.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(css);
  })
  .get('/demo', (c) => page(c, 200, { title: 'Acme Cloud — Chorus demo', body: demoBody(undefined) }))
  .get('/demo/:page', (c) => {
    const p = c.req.param('page');
    if (!(demoPages as readonly string[]).includes(p)) return page(c, 404, { title: 'Not found', body: notice('Page not found', 'This demo page does not exist.') });
    return page(c, 200, { title: `Acme Cloud — ${demoTitles[p]}`, body: demoBody(p) });
  })
  .get('/s/:surveyId', async (c) => {
    const id = c.req.param('surveyId');
    const s = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await linkSurvey(c.var.db, id) : undefined;
    if (!s) return page(c, 404, { title: 'Survey not found', body: notice('Survey not found', 'This link does not lead to a survey. Please check that it was copied completely.') });
    // Closed is final (410 Gone); paused or not yet started may come back (409 Conflict).
    if (s.status !== 'active') {
      const closed = s.status === 'closed';
      return page(c, closed ? 410 : 409, {
        title: 'Survey closed',
        body: notice('This survey is closed', closed ? 'It no longer accepts responses. Thank you for your interest!' : 'It is not accepting responses right now. Please try again later.'),
      });
    }
    const clicked = c.req.query('score');
    const score = clicked && /^\d{1,2}$/.test(clicked) ? Number(clicked) : undefined;
    // From a survey email: the page continues the request's response. This GET records
    // nothing (mail scanners follow links); the score page posts the click (score-page.ts).
    const token = c.req.query('t');
    // Test mode (`?preview=1`): the widget shows a banner and answers locally, and an email's
    // score link is not followed either, so opening a preview never writes anything.
    const preview = c.req.query('preview') === '1';
    const fromEmail = token && !preview ? await emailLink(c.var.db, s.id, token) : undefined;
    const response = fromEmail?.request.id;
    const attrs = [`data-key="${esc(s.publicKey)}"`, `data-survey="${esc(s.id)}"`, 'data-target="#survey"', ...(score !== undefined ? [`data-score="${score}"`] : []), ...(response ? [`data-response="${esc(response)}"`] : []), ...(preview ? ['data-preview'] : [])];
    const widget = token && fromEmail && score !== undefined ? scorePageBody({ surveyId: s.id, token, score, widgetAttrs: attrs }) : `<div id="survey"></div><script defer src="/widget.js" ${attrs.join(' ')}></script>`;
    return page(c, 200, {
      title: s.workspace,
      lang: s.locale,
      body: `<main class="link"><h1>${esc(s.workspace)}</h1>${widget}</main>`,
    });
  })
  // The digest's unsubscribe link. Opening it only asks (mail scanners follow links); the
  // button, or a mail client's RFC 8058 one-click POST, unsubscribes. No login: the signed
  // token is the capability.
  .get('/digest/unsubscribe', async (c) => {
    const token = c.req.query('token') ?? '';
    if (!(await verifyUnsubscribeToken(c.var.db, token))) return page(c, 404, { title: 'Link not valid', body: notice('This link is not valid', 'It may have been copied incompletely. You can change digest emails in Chorus, on the Digest page.') });
    return page(c, 200, {
      title: 'Unsubscribe from the weekly digest',
      body: `<main class="notice"><h1>Unsubscribe from the weekly digest?</h1><p>You will no longer receive the weekly digest email of this workspace. You can subscribe again on the Digest page in Chorus.</p><form method="post" action="/digest/unsubscribe?token=${esc(encodeURIComponent(token))}"><button class="btn" type="submit">Unsubscribe</button></form></main>`,
    });
  })
  .post('/digest/unsubscribe', async (c) => {
    const member = await verifyUnsubscribeToken(c.var.db, c.req.query('token') ?? '');
    if (!member) return page(c, 404, { title: 'Link not valid', body: notice('This link is not valid', 'It may have been copied incompletely.') });
    await setDigestSubscription(c.var.db, member.workspaceId, member.userId, false);
    return page(c, 200, { title: 'Unsubscribed', body: notice('You are unsubscribed', 'You will no longer receive the weekly digest email of this workspace.') });
  });
