import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { page, notice, esc } from './pages';
import { requestByToken } from '../queries/survey-requests';
import { optOut } from '../email/opt-out';

const invalid = { title: 'Link not valid', body: notice('This link is not valid', 'It may have been copied incompletely.') };

/**
 * The survey email's unsubscribe link. Opening it only asks (mail scanners follow links);
 * the button, or a mail client's RFC 8058 one-click POST, unsubscribes the contact from every
 * email survey of that workspace. No login: the email's random token is the capability.
 */
export const emailPageRoutes = new Hono<AppEnv>()
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
