import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateLibsql, openLibsql } from '../../db/client-libsql';
import type { Db } from '../../db/client';
import { memberships, users, workspaces } from '../../db/schema';
import { sendDueDigests } from '../../server/digest/schedule';
import { smtpTransport } from '../../server/mail/smtp';
import { mailbox } from '../http/mailbox';

// The scheduled delivery against a real SMTP server: due Monday 08:00 in the workspace's
// zone, sent once per workspace and week however often (and by however many processes) the
// timer fires, and nothing on other days.
let dir: string;
let db: Db;
let close: () => void;
let box: Awaited<ReturnType<typeof mailbox>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chorus-digest-'));
  ({ db, close } = await openLibsql(`file:${join(dir, 'd.db')}`));
  await migrateLibsql(db, 'db/migrations');
  box = await mailbox('node');
  await db.insert(workspaces).values({ id: 'ws_paris', name: 'Paris', publicKey: 'pk_paris', timezone: 'Europe/Paris', createdAt: 0 });
  await db.insert(users).values([
    { id: 'usr_owner', email: 'owner@example.com', createdAt: 0 },
    { id: 'usr_viewer', email: 'viewer@example.com', createdAt: 0 },
  ]);
  await db.insert(memberships).values([
    { workspaceId: 'ws_paris', userId: 'usr_owner', role: 'owner', createdAt: 0 },
    { workspaceId: 'ws_paris', userId: 'usr_viewer', role: 'viewer', createdAt: 0 },
  ]);
});
afterAll(async () => {
  close?.();
  await box?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('sends each workspace its digest once, from Monday 08:00 local, to the opted-in members', { timeout: 60_000 }, async () => {
  const delivery = { mail: smtpTransport(box.env.SMTP_URL!, box.env.MAIL_FROM!), webhooks: {}, baseUrl: 'https://chorus.example.com' };
  expect(await sendDueDigests(db, delivery, Date.parse('2026-03-09T06:59Z'))).toBe(0); // 07:59 in Paris
  expect(await sendDueDigests(db, delivery, Date.parse('2026-03-10T09:00Z'))).toBe(0); // a Tuesday
  // Two timers (or a restart) at 08:00 and 08:01: one digest between them.
  const [a, b] = await Promise.all([sendDueDigests(db, delivery, Date.parse('2026-03-09T07:00Z')), sendDueDigests(db, delivery, Date.parse('2026-03-09T07:00Z'))]);
  expect(a + b).toBe(1);
  expect(await sendDueDigests(db, delivery, Date.parse('2026-03-09T07:01Z'))).toBe(0);
  await new Promise((r) => setTimeout(r, 200));
  expect(box.mails.map((m) => [m.to, m.subject])).toEqual([['owner@example.com', 'Paris: weekly digest, week of 2026-03-02']]);
  expect(box.mails[0]!.headers['list-unsubscribe']).toMatch(/^<https:\/\/chorus\.example\.com\/digest\/unsubscribe\?token=ws_paris\.usr_owner\./);
  // The next Monday is the next week's digest.
  expect(await sendDueDigests(db, delivery, Date.parse('2026-03-16T07:30Z'))).toBe(1);
});
