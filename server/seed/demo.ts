import { and, eq, like } from 'drizzle-orm';
import { runBatch, type Db } from '../../db/client';
import { apiKeys, cpiTargets, cpis, memberships, surveys, touchpoints, users, workspaces, type NewResponseRow } from '../../db/schema';
import { hashPassword, verifyPassword } from '../auth/password';
import { randomToken, sha256Hex } from '../crypto';
import type { Ending, Question } from '../contracts/survey-config';
import { appearance, targeting, throttling } from '../contracts/survey-config';
import { rollupDeltas, type RollupDelta } from '../services/contribution';
import { rollupUpserts } from '../queries/rollup-writes';
import { rediscoverThemes } from '../services/themes';
import { responseInsert } from '../services/guarded-write';
import { rawBatch } from '../../db/raw';
import { runSegmentBackfill, syncSegmentKeys } from '../services/segment-backfill';
import { topicsByTouchpoint, writeComment } from './comments';
import { prng } from './prng';

export const DEMO_WORKSPACE_ID = 'ws_demo';
export const DEMO_PUBLIC_KEY = 'pk_demo';
const GENERATED_KEY_NAME = 'Demo key (generated at start)';
const DAY = 86_400_000;

interface DemoTouchpoint {
  id: string;
  slug: keyof typeof topicsByTouchpoint;
  name: string;
  share: number;
  /** Mood of respondents at time t (0 = 120 days ago, 1 = now), −1 … 1: this is the drift the demo shows. */
  mood: (t: number) => number;
  extra: ('csat' | 'ces')[];
}

const journey: DemoTouchpoint[] = [
  { id: 'tp_signup', slug: 'signup', name: 'Sign-up', share: 0.15, mood: () => 0.45, extra: ['ces'] },
  { id: 'tp_onboarding', slug: 'onboarding', name: 'Onboarding', share: 0.2, mood: (t) => -0.15 + 0.6 * t, extra: ['ces'] },
  { id: 'tp_support', slug: 'support', name: 'Support ticket closed', share: 0.3, mood: (t) => (t > 0.4 && t < 0.7 ? -0.45 : 0.15), extra: ['csat', 'ces'] },
  { id: 'tp_checkout', slug: 'checkout', name: 'Checkout', share: 0.25, mood: (t) => (t > 0.55 && t < 0.66 ? -0.55 : 0.3), extra: ['csat'] },
  { id: 'tp_renewal', slug: 'renewal', name: 'Renewal', share: 0.1, mood: (t) => 0.25 - 0.6 * t, extra: [] },
];

const demoCpis = [
  { id: 'cpi_saves_time', name: 'Saves me time', targets: { tp_onboarding: 0.75, tp_support: 0.7, tp_renewal: 0.7 } },
  { id: 'cpi_first_time', name: 'Solved my problem first time', targets: { tp_support: 0.8, tp_onboarding: 0.7 } },
  { id: 'cpi_pricing_clear', name: 'Pricing is clear', targets: { tp_checkout: 0.85, tp_renewal: 0.8, tp_signup: 0.8 } },
  { id: 'cpi_easy_start', name: 'Easy to get started', targets: { tp_signup: 0.85, tp_onboarding: 0.8 } },
] as const;
const coupling: Record<string, number> = { cpi_saves_time: 1.2, cpi_first_time: 2.6, cpi_pricing_clear: 0.8, cpi_easy_start: 1.8 };

function questionsFor(tp: DemoTouchpoint): Question[] {
  const qs: Question[] = [
    { id: 'nps', kind: 'nps', text: `How likely are you to recommend us to a friend or colleague?`, required: true, lowLabel: 'Not at all likely', highLabel: 'Extremely likely' },
  ];
  if (tp.extra.includes('csat')) qs.push({ id: 'csat', kind: 'csat', text: `How satisfied are you with ${tp.name.toLowerCase()}?`, required: false });
  if (tp.extra.includes('ces')) qs.push({ id: 'ces', kind: 'ces', text: 'How easy was it to get what you needed?', required: false, lowLabel: 'Very difficult', highLabel: 'Very easy' });
  for (const c of demoCpis) {
    if (tp.id in c.targets) qs.push({ id: c.id.replace('cpi_', 'goal_'), kind: 'cpi', cpiId: c.id, text: `${c.name}?`, required: false });
  }
  // One follow-up worded by NPS band (survey logic), so every band's answer is the comment.
  qs.push({ id: 'comment', kind: 'text', text: 'What is the main reason for your score?', required: false, maxLength: 2000, prompts: bandPrompts });
  return qs;
}

const bandPrompts = [
  { id: 'detractor', showIf: { question: 'nps', max: 6 }, text: 'What disappointed you?' },
  { id: 'passive', showIf: { question: 'nps', min: 7, max: 8 }, text: 'What would make it a 10?' },
  { id: 'promoter', showIf: { question: 'nps', min: 9 }, text: 'What did you love?' },
];

/** End screens by band: detractors hear that someone reads their answer, promoters get a thank-you. */
const demoEndings: Ending[] = [
  { id: 'detractor', showIf: { question: 'nps', max: 6 }, text: 'Thank you. We are sorry — our team reads every answer and will follow up.' },
  { id: 'promoter', showIf: { question: 'nps', min: 9 }, text: 'Thank you — we are glad you love it!' },
];

export interface DemoResult {
  /** The plaintext management key, when this start created or rotated one. */
  apiKey: string | null;
  /** The demo owner's password: the one asked for, or a freshly generated one. */
  password: string;
  created: boolean;
}

export const DEMO_OWNER_EMAIL = 'demo@example.com';

/**
 * Creates the demo workspace on first run (touchpoints, CPIs, one active survey per
 * touchpoint, about 3,000 responses over 120 days) and makes sure its API key works:
 * `apiKey` when given, otherwise a freshly generated one that replaces the last.
 */
export async function ensureDemo(
  db: Db,
  opts: { apiKey?: string | undefined; password?: string | undefined; responses?: number; now?: number } = {},
): Promise<DemoResult> {
  const now = opts.now ?? Date.now();
  const existing = await db.query.workspaces.findFirst({ where: eq(workspaces.id, DEMO_WORKSPACE_ID) });
  if (!existing) await createDemo(db, now, opts.responses ?? 3000);
  const apiKey = await ensureDemoKey(db, opts.apiKey, now);
  const password = await ensureDemoOwner(db, opts.password, now);
  return { apiKey, password, created: !existing };
}

/** The demo owner logs in with `wanted`, or with a new random password printed at start. */
async function ensureDemoOwner(db: Db, wanted: string | undefined, now: number): Promise<string> {
  const password = wanted ?? randomToken('demo', 6);
  const [user] = await db.select().from(users).where(eq(users.email, DEMO_OWNER_EMAIL));
  if (user && wanted && (await verifyPassword(wanted, user.passwordHash))) return wanted;
  const passwordHash = await hashPassword(password);
  const id = user?.id ?? 'usr_demo_owner';
  if (user) await db.update(users).set({ passwordHash }).where(eq(users.id, id));
  else await db.insert(users).values({ id, email: DEMO_OWNER_EMAIL, name: 'Demo Owner', passwordHash, createdAt: now });
  await db.insert(memberships).values({ workspaceId: DEMO_WORKSPACE_ID, userId: id, role: 'owner', createdAt: now }).onConflictDoNothing();
  return password;
}

async function ensureDemoKey(db: Db, wanted: string | undefined, now: number): Promise<string | null> {
  if (wanted) {
    const hash = await sha256Hex(wanted);
    const [found] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.hash, hash));
    if (!found) {
      await db.insert(apiKeys).values({ id: randomToken('key', 8), workspaceId: DEMO_WORKSPACE_ID, name: 'Demo key (CHORUS_DEMO_API_KEY)', prefix: wanted.slice(0, 10), hash, createdAt: now });
    }
    return wanted;
  }
  const key = randomToken('ck');
  await db.batch([
    db.update(apiKeys).set({ revokedAt: now }).where(and(eq(apiKeys.workspaceId, DEMO_WORKSPACE_ID), like(apiKeys.name, GENERATED_KEY_NAME))),
    db.insert(apiKeys).values({ id: randomToken('key', 8), workspaceId: DEMO_WORKSPACE_ID, name: GENERATED_KEY_NAME, prefix: key.slice(0, 10), hash: await sha256Hex(key), createdAt: now }),
  ]);
  return key;
}

const DEMO_SEGMENT_KEYS = ['plan', 'region'];

async function createDemo(db: Db, now: number, count: number): Promise<void> {
  await db.insert(workspaces).values({
    id: DEMO_WORKSPACE_ID,
    name: 'Acme Cloud (demo)',
    publicKey: DEMO_PUBLIC_KEY,
    allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
    timezone: 'UTC',
    // Its support survey is the one a helpdesk emails when a ticket closes (Delighted's POST /people).
    settings: { recontactDays: 14, segmentKeys: DEMO_SEGMENT_KEYS, emailSurveyId: 'sv_support' },
    createdAt: now - 121 * DAY,
  });
  await runBatch(db, [
    ...journey.map((tp, position) => db.insert(touchpoints).values({ id: tp.id, workspaceId: DEMO_WORKSPACE_ID, name: tp.name, position, createdAt: now, updatedAt: now })),
    ...demoCpis.map((c) => db.insert(cpis).values({ id: c.id, workspaceId: DEMO_WORKSPACE_ID, name: c.name, createdAt: now, updatedAt: now })),
  ]);
  await runBatch(
    db,
    demoCpis.flatMap((c) =>
      Object.entries(c.targets).map(([touchpointId, target]) => db.insert(cpiTargets).values({ workspaceId: DEMO_WORKSPACE_ID, cpiId: c.id, touchpointId, target })),
    ),
  );
  const questionSets = new Map(journey.map((tp) => [tp.id, questionsFor(tp)]));
  await runBatch(
    db,
    journey.map((tp, i) =>
      db.insert(surveys).values({
        id: `sv_${tp.slug}`,
        workspaceId: DEMO_WORKSPACE_ID,
        touchpointId: tp.id,
        name: `${tp.name} survey`,
        status: 'active',
        priority: journey.length - i,
        questions: questionSets.get(tp.id)!,
        // The first touchpoint also targets the /demo landing page, so a new user sees the widget at once.
        targeting: targeting.parse({ urls: [{ match: 'contains', value: tp.slug }, ...(i === 0 ? [{ match: 'exact', value: '/demo' }] : [])] }),
        throttling: throttling.parse({}),
        appearance: appearance.parse({}),
        translations: {},
        endings: demoEndings,
        createdAt: now - 120 * DAY,
        updatedAt: now,
      }),
    ),
  );
  const rows = generateResponses(count, now, questionSets);
  await insertResponses(db, rows);
  // Segment rollups by plan and region, through the backfill any new key goes through.
  await syncSegmentKeys(db, DEMO_WORKSPACE_ID, DEMO_SEGMENT_KEYS, now);
  await runSegmentBackfill(db, DEMO_WORKSPACE_ID);
  // Themes first, so the analysis of the seeded comments (queued by the runtime) assigns them.
  await rediscoverThemes(db, DEMO_WORKSPACE_ID, now);
}

/**
 * The demo's 200 accounts of 10 respondents each: an ARR between about $5k and $500k, a
 * renewal date in the coming year (a few just passed) and a mood lean of −0.72 … 0.48.
 */
function accountOf(respondent: number, now: number) {
  const index = Math.floor(respondent / 10);
  const r = prng(1000 + index);
  const arr = Math.round((5000 * Math.exp(r() * 4.6)) / 100) * 100;
  const renewalDate = new Date(now + Math.floor((r() * 395 - 30) * DAY)).toISOString().slice(0, 10);
  return { id: `acct_${index.toString().padStart(3, '0')}`, arr, renewalDate, lean: (r() - 0.6) * 1.2 };
}

function generateResponses(count: number, now: number, questionSets: Map<string, Question[]>): NewResponseRow[] {
  const rand = prng(20261122);
  const pickRespondent = prng(17);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand());
  const plans = ['free', 'free', 'pro', 'pro', 'pro', 'enterprise'];
  const regions = ['EMEA', 'NA', 'NA', 'APAC', 'LATAM'];
  const rows: NewResponseRow[] = [];
  for (let i = 0; i < count; i++) {
    let r = rand();
    const tp = journey.find((j) => (r -= j.share) < 0) ?? journey[journey.length - 1]!;
    const t = rand();
    const createdAt = Math.floor(now - (1 - t) * 120 * DAY);
    // Respondents belong to accounts whose mood leans one way, so health bands differ (a
    // separate stream, so the rest of the demo draws the same numbers as before accounts).
    const respondent = Math.floor(pickRespondent() * 2000);
    const account = accountOf(respondent, now);
    const mood = Math.max(-1, Math.min(1, tp.mood(t) + account.lean + 0.55 * gauss()));
    const nps = Math.max(0, Math.min(10, Math.round(7.3 + mood * 3.6)));
    const questions = questionSets.get(tp.id)!;
    const answers: Record<string, number | string> = { nps };
    const partial = rand() < 0.07;
    let csat: number | null = null;
    let ces: number | null = null;
    let comment: string | null = null;
    const cpiAnswers: NonNullable<NewResponseRow['cpiAnswers']> = [];
    if (!partial) {
      for (const q of questions) {
        if (q.kind === 'csat') answers[q.id] = csat = Math.max(1, Math.min(5, Math.round(3.6 + mood * 1.8 + 0.4 * gauss())));
        if (q.kind === 'ces') answers[q.id] = ces = Math.max(1, Math.min(7, Math.round(5 + mood * 2.2 + 0.6 * gauss())));
        if (q.kind === 'cpi') {
          // Each goal hangs on the respondent's mood to its own degree, so drivers differ in importance.
          const p = 1 / (1 + Math.exp(-(1.1 + coupling[q.cpiId]! * mood + 0.9 * gauss())));
          const answer = p > 0.62 ? 'yes' : p > 0.4 ? 'partly' : 'no';
          answers[q.id] = answer;
          cpiAnswers.push({ cpiId: q.cpiId, answer });
        }
      }
      if (rand() < (nps <= 6 ? 0.65 : 0.4)) {
        const topics = topicsByTouchpoint[tp.slug]!;
        const topic = topics[Math.floor(rand() * topics.length)]!;
        const other = topics.filter((x) => x !== topic)[Math.floor(rand() * (topics.length - 1))];
        answers.comment = comment = writeComment(rand, topic, nps >= 9 ? 1 : nps <= 6 ? -1 : mood, other);
      }
    }
    rand(); // the draw that picked the respondent before accounts, kept so later draws do not shift
    rows.push({
      workspaceId: DEMO_WORKSPACE_ID,
      id: `demo_${i.toString().padStart(5, '0')}`,
      surveyId: `sv_${tp.slug}`,
      touchpointId: tp.id,
      status: partial ? 'partial' : 'complete',
      answers,
      nps,
      csat,
      ces,
      comment,
      cpiAnswers,
      respondentId: `cust_${respondent.toString().padStart(4, '0')}`,
      attributes: { plan: plans[Math.floor(rand() * plans.length)]!, region: regions[Math.floor(rand() * regions.length)]!, accountId: account.id, arr: account.arr, renewalDate: account.renewalDate },
      pageUrl: `https://app.acme.example/${tp.slug}`,
      locale: 'en',
      deviceClass: rand() < 0.28 ? 'mobile' : rand() < 0.1 ? 'tablet' : 'desktop',
      version: 1,
      createdAt,
      updatedAt: createdAt,
      completedAt: partial ? null : createdAt,
    });
  }
  return rows;
}

/**
 * Bulk insert for seeding rows that do not exist yet: rows and their rollups in batches.
 * One row per statement, because D1 binds at most 100 parameters per statement.
 */
export async function insertResponses(db: Db, rows: NewResponseRow[]): Promise<void> {
  const totals = new Map<string, RollupDelta>();
  for (const row of rows) {
    for (const d of rollupDeltas(null, { ...row, nps: row.nps ?? null, csat: row.csat ?? null, ces: row.ces ?? null, comment: row.comment ?? null, cpiAnswers: row.cpiAnswers ?? [], sentimentScore: null, sentimentLabel: null, analysis: null })) {
      const key = JSON.stringify([d.kind, d.surveyId, d.touchpointId, d.hour, d.kind === 'cpi' ? d.cpiId : '']);
      const prev = totals.get(key);
      if (!prev) totals.set(key, d);
      else for (const [f, v] of Object.entries(d.values)) (prev.values as Record<string, number>)[f]! += v;
    }
  }
  const statements = [
    ...rows.map(responseInsert),
    ...[...totals.values()].flatMap((d) => rollupUpserts(rows[0]!.workspaceId, d, { sql: '1', params: [] })),
  ];
  for (let i = 0; i < statements.length; i += 200) await rawBatch(db, statements.slice(i, i + 200));
}

