import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { themes } from '../../db/schema';
import { nps } from '../metrics/nps';
import { twoProportionChange } from '../metrics/proportions';
import { flagSeries, isSmall } from '../metrics/series';
import { inPoints, mainSeries, npsCounts, npsFields } from './metrics';
import { mainAggregates, themeAggregates } from './metrics-sql';
import { aggregate, describeScope, groupBy, sumRows, type MetricsScope } from './metrics-source';

type ThemeField = keyof typeof themeAggregates & string;
const themeFields = Object.keys(themeAggregates) as ThemeField[];

/**
 * Themes by mentions: share of analysed comments, mean aspect sentiment of its mentions
 * (the clause that mentions the theme, else the comment), NPS impact (NPS of all responses − NPS of those not mentioning it) and
 * the bucketed share with two-proportion change flags. Hidden themes are left out.
 */
export async function getThemes(db: Db, s: MetricsScope) {
  const [main, rows, taxonomy] = await Promise.all([
    mainSeries(db, s, ['comments', 'sentimentN', ...npsFields]),
    aggregate<ThemeField>(db, s, 'theme'),
    db.select({ key: themes.key, label: themes.label, category: themes.category, hidden: themes.hidden }).from(themes).where(eq(themes.workspaceId, s.workspaceId)),
  ]);
  const all = sumRows(main, Object.keys(mainAggregates) as (keyof typeof mainAggregates)[]);
  const allNps = npsCounts(all);
  const labels = new Map(taxonomy.map((t) => [t.key, t]));
  const list = [...groupBy(rows, (r) => r.key)]
    .filter(([key]) => !labels.get(key)?.hidden)
    .map(([key, themeRows]) => {
      const t = sumRows(themeRows, themeFields);
      const perBucket = s.buckets.map(() => 0);
      for (const r of themeRows) perBucket[r.bucket] = Number(r.mentions);
      // The responses that do not mention the theme, by subtraction from the exact totals.
      const without = { n: allNps.n - t.npsN, promoters: allNps.promoters - t.promoters, passives: 0, detractors: allNps.detractors - t.detractors };
      const overall = nps(allNps);
      const rest = nps(without);
      const trend = perBucket.map((mentions, i) => {
        const analysed = main[i]!.sentimentN;
        return { start: s.buckets[i]!.start, partial: s.buckets[i]!.partial, mentions, comments: analysed, share: analysed > 0 ? mentions / analysed : null };
      });
      return {
        key,
        label: labels.get(key)?.label ?? key,
        category: labels.get(key)?.category ?? null,
        mentions: t.mentions,
        share: all.sentimentN > 0 ? t.mentions / all.sentimentN : null,
        sentiment: t.sentimentN > 0 ? t.sentimentSumMilli / 1000 / t.sentimentN : null,
        npsN: t.npsN,
        npsImpact: overall !== null && rest !== null ? overall - rest : null,
        smallSample: isSmall(t.mentions),
        buckets: flagSeries(trend, (b) => b.comments, (a, b) => inPoints(twoProportionChange(a.mentions, a.comments, b.mentions, b.comments))),
      };
    })
    .sort((a, b) => b.mentions - a.mentions || a.key.localeCompare(b.key));
  return { ...describeScope(s), comments: all.comments, analysedComments: all.sentimentN, nps: nps(allNps), themes: list };
}
