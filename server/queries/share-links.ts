import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiKeys, shareLinks, workspaces, type ShareLink, type Workspace } from '../../db/schema';
import { ApiError, notFound } from '../errors';
import { newId, randomToken, sha256Hex } from '../crypto';
import { isoDate } from '../metrics/time-zone';
import { SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS, type ShareFilters } from '../schemas/share-links';

const DAY_MS = 86_400_000;

/** The stored filters, for the API: dates as YYYY-MM-DD, the segment as `key:value`. */
export function presentFilters(f: ShareFilters) {
  return {
    touchpoint: f.touchpoint ?? null,
    from: f.from === undefined ? null : isoDate(f.from),
    to: f.to === undefined ? null : isoDate(f.to),
    bucket: f.bucket,
    attribute: f.attribute ? `${f.attribute.key}:${f.attribute.value}` : null,
  };
}

// The column holds the validated (transformed) filters, so reading them back needs no second parse.
const filtersOf = (row: ShareLink): ShareFilters => JSON.parse(row.filters) as ShareFilters;

export const presentShareLink = (row: ShareLink) => ({
  id: row.id,
  prefix: row.prefix,
  filters: presentFilters(filtersOf(row)),
  sharedBy: row.createdByName,
  createdAt: new Date(row.createdAt).toISOString(),
  expiresAt: new Date(row.expiresAt).toISOString(),
  revokedAt: row.revokedAt === null ? null : new Date(row.revokedAt).toISOString(),
});

export const listShareLinks = (db: Db, ws: string): Promise<ShareLink[]> =>
  db.select().from(shareLinks).where(eq(shareLinks.workspaceId, ws)).orderBy(desc(shareLinks.createdAt));

/** When a new link ends: a required expiry, in the future and at most a year away. */
export function expiryOf(input: { expiresInDays?: number | undefined; expiresAt?: string | undefined }, now = Date.now()): number {
  const at = input.expiresAt !== undefined ? Date.parse(input.expiresAt) : now + (input.expiresInDays ?? SHARE_DEFAULT_DAYS) * DAY_MS;
  if (at <= now) throw new ApiError(422, 'invalid_expiry', '"expiresAt" must be in the future');
  if (at > now + SHARE_MAX_DAYS * DAY_MS) throw new ApiError(422, 'invalid_expiry', `A share link lasts at most ${SHARE_MAX_DAYS} days`);
  return at;
}

/** A new link; its token is returned once and only its hash is kept. */
export async function createShareLink(
  db: Db,
  ws: string,
  input: { filters: ShareFilters; expiresAt: number; createdBy: string; createdByName: string },
  now = Date.now(),
): Promise<{ row: ShareLink; token: string }> {
  const token = randomToken('sh', 24);
  const [row] = await db
    .insert(shareLinks)
    .values({
      id: newId('shr'),
      workspaceId: ws,
      prefix: token.slice(0, 10),
      tokenHash: await sha256Hex(token),
      filters: JSON.stringify(input.filters),
      createdBy: input.createdBy,
      createdByName: input.createdByName,
      createdAt: now,
      expiresAt: input.expiresAt,
    })
    .returning();
  return { row: row!, token };
}

/** Revokes at once: the public path reads the row on every request, so nothing caches a revoked link. */
export async function revokeShareLink(db: Db, ws: string, id: string, now = Date.now()): Promise<void> {
  const [row] = await db
    .update(shareLinks)
    .set({ revokedAt: now })
    .where(and(eq(shareLinks.workspaceId, ws), eq(shareLinks.id, id), isNull(shareLinks.revokedAt)))
    .returning({ id: shareLinks.id });
  if (!row) throw notFound('share_link', id);
}

/** The live link a token opens, with its workspace; unknown, revoked and expired tokens are refused alike (404). */
export async function openShareLink(db: Db, token: string, now = Date.now()): Promise<{ link: ShareLink; filters: ShareFilters; workspace: Workspace }> {
  const [found] = await db
    .select({ link: shareLinks, workspace: workspaces })
    .from(shareLinks)
    .innerJoin(workspaces, eq(workspaces.id, shareLinks.workspaceId))
    .where(eq(shareLinks.tokenHash, await sha256Hex(token)))
    .limit(1);
  if (!found || found.link.revokedAt !== null) throw new ApiError(404, 'share_link_not_found', 'This share link is unknown or was revoked');
  if (found.link.expiresAt <= now) {
    throw new ApiError(404, 'share_link_expired', `This share link expired on ${new Date(found.link.expiresAt).toISOString().slice(0, 10)}`);
  }
  return { link: found.link, filters: filtersOf(found.link), workspace: found.workspace };
}

/** The name a link's banner gives its maker: the user's name (or email), or the API key's name. */
export async function principalName(db: Db, principal: { kind: 'api_key' | 'user'; id: string }, user: { name: string; email: string } | undefined): Promise<string> {
  if (user) return user.name || user.email;
  const [key] = await db.select({ name: apiKeys.name }).from(apiKeys).where(eq(apiKeys.id, principal.id));
  return key ? `API key "${key.name}"` : 'an API key';
}
