import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { page, notice, esc } from './pages';
import { requestByToken } from '../queries/survey-requests';
import { optOut } from '../email/opt-out';
import { recordEmailScore } from '../email/score-link';
import { scoreScript } from '../email/score-page';
import { announceResponse } from '../webhooks/events';

const invalid = { title: 'Link not valid', body: notice('This link is not valid', 'It may have been copied incompletely.') };

/**
 * The survey email's unsubscribe link. Opening it only asks (mail scanners follow links);
 * the button, or a mail client's RFC 8058 one-click POST, unsubscribes the contact from every
 * email survey of that workspace. No login: the email's random token is the capability.
 */
export const emailPageRoutes = new Hono<AppEnv>()
  .get('/score.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(scoreScript);
  })
  // The score page's POST (its script, or its <noscript> button): records the click under the
  // contact. The same click again changes nothing; another score replaces it (last click wins).
  .post('/score', async (c) => {
    const clicked = c.req.query('score') ?? '';
    const recorded = /^\d{1,2}$/.test(clicked) ? await recordEmailScore(c.var.db, c.req.query('survey') ?? '', c.req.query('t') ?? '', Number(clicked)) : undefined;
    if (!recorded) return page(c, 404, invalid);
    announceResponse(c, recorded.workspaceId, recorded.responseId, recorded.events);
    const json = (c.req.header('accept') ?? '').includes('application/json');
    if (json) return c.json({ responseId: recorded.responseId, score: recorded.score ?? null }, 200);
    return page(c, 200, { title: 'Thank you', body: notice('Thank you!', `Your answer (${recorded.score}) is recorded. You can close this page.`) });
  })
  .get('/unsubscribe', async (c) => {
    const token = c.req.query('token') ?? '';
    const found = token.length <= 100 ? await requestByToken(c.var.db, token) : undefined;
    if (!found) return page(c, 404, invalid);
    return page(c, 200, {
      title: 'Unsubscribe from surveys',
      body: `<main class="notice"><h1>Unsubscribe from survey emails?</h1><p>${esc(found.contact.email)} will no longer be asked for feedback by email.</p><form method="post" action="/email/unsubscribe?token=${esc(encodeURIComponent(token))}"><button class="btn" type="submit">Unsubscribe</button></form></main>`,
    });
  })
  .post('/unsubscribe', async (c) => {
    const token = c.req.query('token') ?? '';
    const found = token.length <= 100 ? await requestByToken(c.var.db, token) : undefined;
    if (!found) return page(c, 404, invalid);
    await optOut(c.var.db, found.request.workspaceId, found.contact.email, { unsubscribe: true });
    return page(c, 200, { title: 'Unsubscribed', body: notice('You are unsubscribed', 'You will receive no more survey emails from us.') });
  });
