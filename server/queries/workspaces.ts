import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { memberships, workspaces, type NewWorkspace, type Workspace } from '../../db/schema';
import { newId, randomToken } from '../crypto';
import { workspaceSettings } from '../contracts/survey-config';
import { present } from './present';

/** A workspace as the API shows it: its settings with their defaults filled in. */
export function presentWorkspace(workspace: Workspace) {
  return { ...present(workspace), settings: workspaceSettings.parse(workspace.settings) };
}

/** Changes the workspace and returns it as stored. */
export async function updateWorkspace(db: Db, id: string, set: Partial<Pick<NewWorkspace, 'name' | 'allowedOrigins' | 'timezone' | 'settings'>>): Promise<Workspace> {
  const [row] = await db.update(workspaces).set(set).where(eq(workspaces.id, id)).returning();
  return row!;
}

/** A new, empty workspace with its own public key, and its owner, in one batch. */
export async function createWorkspace(db: Db, input: Pick<NewWorkspace, 'name' | 'allowedOrigins' | 'timezone'>, ownerId: string, now = Date.now()): Promise<Workspace> {
  const id = newId('ws');
  const [row] = await db.batch([
    db.insert(workspaces).values({ id, name: input.name, publicKey: randomToken('pk', 12), allowedOrigins: input.allowedOrigins, timezone: input.timezone, createdAt: now }).returning(),
    db.insert(memberships).values({ workspaceId: id, userId: ownerId, role: 'owner', createdAt: now }),
  ]);
  return row[0]!;
}
