import type { Db } from '../../db/client';
import type { ShareLink, Workspace } from '../../db/schema';
import { getCes, getCsat, getNps, getSentiment } from '../queries/metrics';
import { getCpiMatrix } from '../queries/metrics-cpi';
import { getJourney } from '../queries/metrics-journey';
import { getThemes } from '../queries/metrics-themes';
import { resolveScope, withSegments } from '../queries/metrics-source';
import { listTouchpoints } from '../queries/touchpoints';
import { presentFilters } from '../queries/share-links';
import type { ShareFilters } from '../schemas/share-links';

/**
 * The overview as a share link shows it: the same metric queries as `/api/v1/metrics/*`,
 * with the link's filters and nothing from the request. Aggregates only — no comment, no
 * response, no account — so a viewer learns what the overview's charts show and no more.
 */
export async function sharedView(db: Db, workspace: Workspace, link: ShareLink, filters: ShareFilters) {
  const scope = await withSegments(db, resolveScope(workspace, filters));
  const shown = (await listTouchpoints(db, workspace.id)).filter((t) => !filters.touchpoint || t.id === filters.touchpoint);
  const [all, csat, ces, sentiment, journey, cpi, themes, ...each] = await Promise.all([
    getNps(db, scope),
    getCsat(db, scope),
    getCes(db, scope),
    getSentiment(db, scope),
    getJourney(db, scope),
    getCpiMatrix(db, scope),
    getThemes(db, resolveScope(workspace, filters)),
    ...shown.map((t) => getNps(db, { ...scope, touchpointId: t.id })),
  ]);
  return {
    link: { workspace: workspace.name, sharedBy: link.createdByName, expiresAt: new Date(link.expiresAt).toISOString(), filters: presentFilters(filters) },
    touchpoints: shown.map((t) => ({ id: t.id, name: t.name })),
    nps: { all, byTouchpoint: shown.map((t, i) => ({ id: t.id, metrics: each[i]! })) },
    csat,
    ces,
    sentiment,
    journey,
    cpi,
    themes,
  };
}
