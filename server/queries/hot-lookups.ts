import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { surveys, workspaces, type Survey, type Workspace } from '../../db/schema';
import { ttlCache } from '../cache';

/** Config changes reach other processes and isolates within this time. */
export const CONFIG_TTL_MS = 5000;

// One cache per database handle, so two databases in one process never share entries.
const caches = new WeakMap<Db, { workspaces: ReturnType<typeof ttlCache<Workspace | null>>; surveys: ReturnType<typeof ttlCache<Survey | null>> }>();
const cachesOf = (db: Db) => {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { workspaces: ttlCache(CONFIG_TTL_MS), surveys: ttlCache(CONFIG_TTL_MS) }));
  return c;
};

/** The workspace a public key belongs to; read on every widget request, so cached briefly. */
export const workspaceByPublicKey = (db: Db, publicKey: string): Promise<Workspace | null> =>
  cachesOf(db).workspaces.get(publicKey, async () => (await db.query.workspaces.findFirst({ where: eq(workspaces.publicKey, publicKey) })) ?? null);

/** A survey of a workspace as ingestion sees it; cached briefly. */
export const surveyForIngestion = (db: Db, workspaceId: string, surveyId: string): Promise<Survey | null> =>
  cachesOf(db).surveys.get(`${workspaceId}\u0000${surveyId}`, async () =>
    (await db.query.surveys.findFirst({ where: and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, surveyId)) })) ?? null,
  );

export const forgetWorkspace = (db: Db, publicKey: string) => cachesOf(db).workspaces.evict(publicKey);
export const forgetSurvey = (db: Db, workspaceId: string, surveyId: string) => cachesOf(db).surveys.evict(`${workspaceId}\u0000${surveyId}`);
