import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, client, newResponseId, runtime, startServer, type TestServer } from './harness';

let server: TestServer;
let api: ReturnType<typeof client>;
let touchpoint: string;
beforeAll(async () => {
  server = await startServer();
  api = client(server.baseUrl);
  touchpoint = (await api('POST', '/api/v1/touchpoints', { name: 'Formats' })).body.id;
});
afterAll(() => server?.dispose());

interface Report {
  rows: number;
  imported: number;
  alreadyPresent: number;
  rejected: { line: number; reason: string }[];
  error?: { code: string; message: string };
}
const post = async (query: string, body: string, type = 'text/csv') => {
  const res = await fetch(`${server.baseUrl}/api/v1/imports?${query}`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': type }, body });
  return { status: res.status, body: (await res.json()) as Report };
};
const exported = async (query: string) => {
  const res = await fetch(`${server.baseUrl}/api/v1/responses/export?${query}`, { headers: { authorization: `Bearer ${API_KEY}` } });
  expect(res.status).toBe(200);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
};
const survey = async (questions: unknown[]) => (await api('POST', '/api/v1/surveys', { touchpointId: touchpoint, name: `S ${Math.random()}`, status: 'active', questions })).body.id as string;

// ---------------------------------------------------------------------------------------
// A Formbricks export as its CSV download writes it (apps/web … getResponsesDownloadFile →
// convertToCsv, json2csv's parser): the fixed columns, the response metadata flattened as
// `key - subKey`, one `"<n>. <headline>"` column per question and `… - Option ID` beside a
// choice, strings quoted and numbers bare, `'` before text starting with = + - @ tab CR,
// and Timestamp as getFormattedDateTimeString prints it in the chosen time zone.
// ---------------------------------------------------------------------------------------
const NPS_HEADLINE = 'How likely are you to recommend Acme to a friend or colleague?';
const WHY_HEADLINE = 'What is the main reason for your score?';
const ZONES = ['UTC', 'Europe/Berlin', 'America/Halifax', 'America/Anchorage', 'Pacific/Honolulu', 'America/St_Johns', 'America/Los_Angeles', 'Asia/Kolkata'];
const formbricksTime = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' })
    .format(ms)
    .replace(',', '');
const guard = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const cell = (v: string | number) => (typeof v === 'number' ? String(v) : `"${guard(v).replace(/"/g, '""')}"`);
const COMMENTS = ['Fast support, "really" helpful', '=SUM(A1:A3) is what I typed', '+1 for the new dashboard', '-- too slow at times', '@support thanks!', 'Line one,\nline two', 'Great', ''];

function formbricksExport(n: number, now: number, idPrefix = 'clx') {
  const header = [
    'No.', 'Response ID', 'Timestamp', 'Finished', 'Survey ID', 'Formbricks ID (internal)', 'User ID', 'Tags',
    'url', 'country', 'userAgent - browser', 'userAgent - os', 'userAgent - device', 'source',
    `1. ${NPS_HEADLINE}`, `2. ${WHY_HEADLINE}`, '3. Which plan are you on?', '3. Which plan are you on? - Option ID', 'hiddenSource',
  ];
  const rows = Array.from({ length: n }, (_, i) => {
    const at = Math.floor((now - (i + 1) * 3_600_000 * 7) / 1000) * 1000;
    return { i, id: `${idPrefix}${(1_000_000 + i).toString(36)}abcdefghij`, at, zone: ZONES[i % ZONES.length]!, finished: i % 9 !== 4, score: i % 11, comment: COMMENTS[i % COMMENTS.length]! };
  });
  const lines = rows.map((r) =>
    [
      r.i + 1, r.id, formbricksTime(r.at, r.zone), r.finished ? 'Yes' : 'No', 'cm0survey00000000000', `contact${r.i % 17}`, r.i % 3 ? `user-${r.i}` : '', r.i % 5 ? '' : 'vip, churn-risk',
      `https://app.example.com/billing?step=${r.i}`, ['DE', 'CA', 'US'][r.i % 3]!, 'Chrome', 'Mac OS', 'desktop', 'app',
      String(r.score), r.comment, 'Pro', 'opt_pro', r.i % 2 ? 'newsletter' : '',
    ].map(cell).join(','),
  );
  return { csv: [header.map(cell).join(','), ...lines].join('\n') + '\n', rows };
}

describe(`imports from real exports on ${runtime}`, () => {
  it('imports a real-layout Formbricks export: 200 of 200 rows, dates in their zones, guards stripped', async () => {
    const now = Date.now();
    const { csv, rows } = formbricksExport(200, now);
    const sv = await survey([{ id: 'score', kind: 'nps', text: NPS_HEADLINE }, { id: 'why', kind: 'text', text: WHY_HEADLINE }]);
    const first = await post(`survey=${sv}&preset=formbricks`, csv);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ rows: 200, imported: 200, alreadyPresent: 0, rejected: [] });
    expect((await post(`survey=${sv}&preset=formbricks`, csv)).body).toMatchObject({ imported: 0, alreadyPresent: 200 });

    const got = parse(await exported(`survey=${sv}`), { columns: true }) as Record<string, string>[];
    expect(got).toHaveLength(200);
    const byId = new Map(got.map((r) => [r.id, r]));
    for (const r of rows) {
      const g = byId.get(`imp_${r.id}`)!;
      expect(g, r.id).toBeDefined();
      expect(g.created_at, `${r.id} ${formbricksTime(r.at, r.zone)}`).toBe(new Date(r.at).toISOString());
      expect(g.status).toBe(r.finished ? 'complete' : 'partial');
      expect(Number(g.nps)).toBe(r.score);
      expect(g.page_url).toBe(`https://app.example.com/billing?step=${r.i}`);
      expect(g.respondent_id).toBe(r.i % 3 ? `user-${r.i}` : '');
      expect(JSON.parse(g.attributes!)).toMatchObject({ country: ['DE', 'CA', 'US'][r.i % 3], browser: 'Chrome', device: 'desktop' });
    }
    // Through the API (not the export, which guards again): the comment as it was written.
    const one = await api('GET', `/api/v1/responses/imp_${rows[1]!.id}`);
    expect(one.body.comment).toBe('=SUM(A1:A3) is what I typed');
    expect((await api('GET', `/api/v1/responses/imp_${rows[4]!.id}`)).body.comment).toBe('@support thanks!');
    expect((await api('GET', `/api/v1/responses/imp_${rows[5]!.id}`)).body.comment).toBe('Line one,\nline two');
  });

  it('matches Formbricks question columns by headline when the survey words them differently', async () => {
    const { csv } = formbricksExport(20, Date.now(), 'cly');
    const sv = await survey([{ id: 'likely', kind: 'nps', text: 'Would you recommend us?' }, { id: 'reason', kind: 'text', text: 'Tell us more' }]);
    const res = await post(`survey=${sv}&preset=formbricks`, csv);
    expect(res.body).toMatchObject({ rows: 20, imported: 20, rejected: [] });
    const got = parse(await exported(`survey=${sv}`), { columns: true }) as Record<string, string>[];
    expect(got.filter((r) => r.comment !== '').length).toBeGreaterThan(10);
  });

  it('reads zone-less times in the workspace time zone, and fails a file with no answer column (422)', async () => {
    const sv = await survey([{ id: 'score', kind: 'nps', text: 'Recommend?' }]);
    const csv = '"Response ID","Timestamp","1. Recommend?"\n"zoneless01","2026-01-15 12:00:00","9"\n';
    const original = (await api('GET', '/api/v1/workspace')).body.timezone as string;
    expect((await api('PATCH', '/api/v1/workspace', { timezone: 'America/New_York' })).status).toBe(200);
    try {
      expect((await post(`survey=${sv}&preset=formbricks`, csv)).body).toMatchObject({ imported: 1 });
      expect((await api('GET', '/api/v1/responses/imp_zoneless01')).body.createdAt).toBe('2026-01-15T17:00:00.000Z');
    } finally {
      await api('PATCH', '/api/v1/workspace', { timezone: original });
    }
    const none = await post(`survey=${sv}&preset=formbricks`, '"Response ID","Timestamp","1. Something else"\n"x","2026-01-15 12:00:00 UTC","9"\n');
    expect(none.status).toBe(422);
    expect(none.body.error?.code).toBe('no_answer_columns');
  });

  it('re-imports its own CSV and JSON Lines exports (preset=chorus) identically', async () => {
    const sv = await survey([{ id: 'nps', kind: 'nps', text: 'Recommend?' }, { id: 'comment', kind: 'text', text: 'Why?' }, { id: 'plan', kind: 'choice', text: 'Plan?', options: [{ id: 'free', label: 'Free' }, { id: 'pro', label: 'Pro' }] }]);
    const pub = client(server.baseUrl, null);
    const triggers = ['=', '+', '-', '@', ' =', '\t', '|', '%'];
    const base = Date.now() - 10 * 86_400_000;
    for (let i = 0; i < 200; i++) {
      // A quarter of the comments start like a formula (the export guards them), others quote, break lines or are empty.
      const comment = i % 4 === 0 ? `${triggers[(i / 4) % triggers.length]}${i} looks like a formula` : i % 4 === 1 ? `said "ok", line\nbreak ${i}` : i % 4 === 2 ? `plain ${i}` : '';
      const body = {
        id: newResponseId(), surveyId: sv, complete: i % 7 !== 3, answeredAt: base + i * 60_000, respondentId: i % 2 ? `=user${i}` : undefined, anonymousId: `anon_${i}`,
        pageUrl: `https://shop.example.com/p/${i}?q=a,b`, locale: i % 3 ? 'en-GB' : 'de', deviceClass: (['desktop', 'mobile', 'tablet'] as const)[i % 3], attributes: { plan: i % 2 ? 'pro' : 'free', seats: i, trial: i % 5 === 0, note: '-x' },
        answers: { nps: i % 11, ...(comment ? { comment } : {}), ...(i % 6 ? { plan: i % 2 ? 'pro' : 'free' } : {}) },
      };
      expect((await pub('POST', '/api/v1/client/pk_demo/responses', JSON.stringify(body), { 'content-type': 'text/plain' })).status).toBe(200);
    }
    // What analysis adds afterwards (sentiment, themes) is not part of the round trip.
    const kept = (csv: string) =>
      (parse(csv, { columns: true, bom: true }) as Record<string, string>[]).map(({ sentiment_score: _s, sentiment_label: _l, themes: _t, ...r }) => r).sort((a, b) => a.id!.localeCompare(b.id!));
    const deleteAll = async (rows: { id?: string }[]) => {
      for (const r of rows) expect((await api('DELETE', `/api/v1/responses/${r.id}`)).status).toBe(204);
    };

    const csv = await exported(`survey=${sv}`);
    const before = kept(csv);
    expect(before).toHaveLength(200);
    expect(before.filter((r) => r.comment!.startsWith("'")).length).toBe(50); // guarded in the file
    await deleteAll(before);
    const csvImport = await post(`survey=${sv}&preset=chorus`, csv);
    expect(csvImport.body).toMatchObject({ rows: 200, imported: 200, rejected: [] });
    expect(kept(await exported(`survey=${sv}`))).toEqual(before);
    expect((await api('GET', `/api/v1/responses/${before.find((r) => r.comment!.startsWith("'="))!.id}`)).body.comment).toMatch(/^=\d+ looks like a formula$/);

    const jsonl = await exported(`survey=${sv}&format=jsonl`);
    await deleteAll(before);
    const jsonlImport = await post(`survey=${sv}&preset=chorus`, jsonl, 'application/x-ndjson');
    expect(jsonlImport.body).toMatchObject({ rows: 200, imported: 200, rejected: [] });
    expect(kept(await exported(`survey=${sv}`))).toEqual(before);
    // A second import of either finds every response present.
    expect((await post(`survey=${sv}`, csv)).body).toMatchObject({ imported: 0, alreadyPresent: 200 });

    // bom=true puts a byte-order mark first (Excel), and the import skips it.
    const withBom = await fetch(`${server.baseUrl}/api/v1/responses/export?survey=${sv}&bom=true`, { headers: { authorization: `Bearer ${API_KEY}` } });
    const bytes = new Uint8Array(await withBom.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(kept(new TextDecoder().decode(bytes))).toEqual(before);
    expect((await post(`survey=${sv}`, new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes))).body).toMatchObject({ rows: 200, alreadyPresent: 200 });
  });
});
