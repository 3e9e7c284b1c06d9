import { blocked, type History } from './eligibility';
import { randomId, read, write } from './storage';
import { enqueue, flush } from './transport';
import type { Chorus, ClientConfig, ClientSurvey, Mount } from './types';

export interface LoaderOptions {
  /** The workspace's public key (`pk_…`). */
  key: string;
  /** Origin of the Chorus API, e.g. `https://chorus.example.com`. */
  host: string;
  /** Loads the survey UI; called only when a survey is due. */
  loadUi: () => Promise<Mount>;
  debug?: boolean;
  /** Link surveys: show this survey at once, whatever its targeting and throttling. */
  survey?: string | undefined;
  score?: number | undefined;
  /** Link surveys from an email: the response the email's score click started, which the page completes. */
  response?: string | undefined;
  inline?: Element | null | undefined;
  /** Test mode (`?preview=1` on a link survey): shows the survey with a banner and sends nothing, answers included. */
  preview?: boolean | undefined;
}

interface State extends History {
  /** Anonymous id, respondent id (identify) and attributes. */
  a: string;
  r?: string;
  at?: Record<string, string | number | boolean>;
}

type Attrs = NonNullable<State['at']>;

/** Keeps what the API accepts (≤ 50 keys, short strings, finite numbers, booleans): a bad attribute must not get an answer rejected. */
function clean(input: Record<string, unknown>): Attrs {
  const out: Attrs = {};
  for (const [k, v] of Object.entries(input).slice(0, 50)) {
    if (k && k.length <= 100 && (typeof v === 'boolean' || (typeof v === 'number' && isFinite(v)) || (typeof v === 'string' && v.length <= 500))) out[k] = v;
  }
  return out;
}

function deviceClass(): 'mobile' | 'tablet' | 'desktop' {
  if (!matchMedia('(pointer:coarse)').matches) return 'desktop';
  return Math.min(screen.width, screen.height) < 600 ? 'mobile' : 'tablet';
}

/**
 * The dependency-free runtime behind `window.chorus`: remembers who the respondent is and
 * what they were shown, decides which survey is due and loads the UI only then.
 */
export function createChorus(o: LoaderOptions): Chorus {
  const storeKey = `chorus:${o.key}`;
  const fresh = (): State => ({ a: randomId(), shown: {}, last: 0 });
  let st = read<State>(storeKey, fresh());
  const save = () => write(storeKey, st);
  save();
  let debug = !!o.debug;
  let cfg: ClientConfig | undefined;
  // One survey per page: once one is scheduled or open, the others wait (contact budget).
  let busy = false;
  const waiting: Parameters<Chorus>[] = [];
  const log = (...a: unknown[]) => debug && console.info('[chorus]', ...a);
  const reported = new Set<string>();

  // Each event name once per page view, so the admin's activation checks can tell a trigger
  // that never fires (fire and forget: a lost report costs nothing).
  function report(name: string) {
    if (o.preview || !name || name.length > 100 || reported.has(name)) return;
    reported.add(name);
    fetch(`${o.host}/api/v1/client/${o.key}/events`, { method: 'POST', body: JSON.stringify({ name }), keepalive: true }).catch(() => {});
  }

  function evaluate(event?: string) {
    if (!cfg || busy) return void (busy && log(event ?? 'page', ': a survey is already showing'));
    if ((cfg.quietUntil || 0) > Date.now()) return void log('nothing shown: surveyed by email within the contact budget');
    const page = { href: location.href.split('#')[0]!, path: location.pathname + location.search };
    let best: ClientSurvey | undefined;
    for (const s of cfg.surveys) {
      const ev = s.targeting.events;
      if (event ? !ev.includes(event) : ev.length) {
        if (!event) log(s.id, 'waits for event', ev.join(' | '));
        continue;
      }
      const why = blocked(s, page, st.r ?? st.a, st, cfg.workspace.recontactDays, Date.now());
      if (why) log(s.id, 'not shown:', why);
      else if (best && best.priority >= s.priority) log(s.id, 'waits: lower priority than', best.id);
      else {
        if (best) log(best.id, 'waits: lower priority than', s.id);
        best = s;
      }
    }
    if (best) open(best, best.targeting.delaySeconds, true);
  }

  function open(s: ClientSurvey, delay: number, unsolicited = false) {
    busy = true;
    log(s.id, delay ? `shows in ${delay} s` : 'shows');
    setTimeout(async () => {
      try {
        const mount = await o.loadUi();
        const id = o.response ?? randomId();
        const url = `${o.host}/api/v1/client/${o.key}/responses`;
        // Link surveys come from an email, not from browsing: they do not use up the budget.
        if (!o.survey && !o.preview) {
          st.shown[s.id] = [(st.shown[s.id]?.[0] ?? 0) + 1, (st.last = Date.now())];
          save();
        }
        mount({
          survey: s,
          score: o.score,
          inline: o.inline,
          unsolicited,
          preview: o.preview,
          onClose: () => (busy = false),
          // A preview answers locally: nothing is queued, so nothing can be written.
          send: (answers, complete, locale) =>
            o.preview ||
            enqueue(url, {
              id,
              surveyId: s.id,
              answers,
              complete,
              respondentId: st.r,
              anonymousId: st.a,
              attributes: st.at,
              pageUrl: location.href.slice(0, 2000),
              locale: locale.slice(0, 35),
              deviceClass: deviceClass(),
              answeredAt: Date.now(),
            }),
        });
      } catch (e) {
        busy = false;
        log(s.id, 'could not load:', e);
      }
    }, delay * 1000);
  }

  function run(...[cmd, a, b]: Parameters<Chorus>) {
    if (cmd === 'debug') debug = a !== false;
    else if (cmd === 'reset') (st = fresh()), save();
    else if (cmd === 'identify') {
      st.r = String(a).slice(0, 200);
      if (b) st.at = clean(b);
      save();
    } else if (!cfg) waiting.push([cmd, a] as Parameters<Chorus>);
    else if (cmd === 'track') report(String(a)), evaluate(String(a));
    else if (cmd === 'show') {
      const s = cfg.surveys.find((x) => x.id === a);
      if (!s) log(a, 'is not an active survey');
      else if (busy) log(a, 'waits: a survey is already showing');
      else open(s, 0);
    }
  }

  addEventListener('online', () => void flush(true));
  void flush();
  // A tick later, so identify calls queued before load have run: an identified respondent with
  // an email is named, and the server answers whether the contact budget lets them be asked.
  const who = () => String(st.at?.email ?? st.r ?? '');
  Promise.resolve()
    .then(() => fetch(`${o.host}/api/v1/client/${o.key}/surveys${who().includes('@') ? `?respondent=${encodeURIComponent(who())}` : ''}`))
    .then(async (r) => {
      if (r.ok) return r.json() as Promise<ClientConfig>;
      // The refusal carries CORS headers, so a site left out of the allowed origins can be told
      // so (always: it is a setup mistake, not a survey decision).
      if (r.status === 403 && (await r.text()).includes('origin_not_allowed')) {
        console.warn(`[chorus] ${location.origin} is not an allowed origin of this workspace: add it under Settings → Allowed origins in the Chorus admin, and the widget will show its surveys here.`);
      }
      throw new Error(`HTTP ${r.status}`);
    })
    .then((c) => {
      cfg = c;
      if (o.survey) run('show', o.survey);
      else evaluate();
      waiting.splice(0).forEach((w) => run(...w));
    })
    .catch((e: unknown) => log('config unavailable:', e));

  // Nothing may throw into the host page, whatever it passes.
  return (...args) => {
    try {
      run(...args);
    } catch (e) {
      log('command failed:', e);
    }
  };
}
