import { createChorus } from './loader';
import type { Chorus, Mount } from './types';

// The IIFE served as /widget.js. The hashed UI path is filled in by scripts/build.ts.
declare const __CHORUS_UI__: string;

type Stub = Chorus & { q?: ArrayLike<unknown>[]; loaded?: boolean };

(() => {
  try {
    const w = window as unknown as { chorus?: Stub };
    if (w.chorus?.loaded) return; // the snippet was pasted twice
    const el = (document.currentScript ?? document.querySelector('script[data-key][src*="widget.js"]')) as HTMLScriptElement | null;
    const d = el?.dataset ?? {};
    if (!el || !d.key) return;
    const uiUrl = new URL(__CHORUS_UI__, el.src).href;
    let ui: Promise<Mount> | undefined;
    // The UI announces itself with an event on its own <script>: no extra global.
    const loadUi = () =>
      (ui ??= new Promise<Mount>((ok, fail) => {
        const s = document.createElement('script');
        s.src = uiUrl;
        s.addEventListener('chorus-ui', (e) => ok((e as CustomEvent<Mount>).detail));
        s.onerror = () => {
          ui = undefined;
          fail(new Error('UI did not load'));
        };
        document.head.appendChild(s);
      }));
    const queued = Array.from(w.chorus?.q ?? []);
    const api: Stub = createChorus({
      key: d.key,
      host: d.host ?? new URL(el.src).origin,
      loadUi,
      debug: d.debug !== undefined,
      survey: d.survey,
      score: d.score && /^\d{1,2}$/.test(d.score) ? Number(d.score) : undefined,
      response: d.response,
      inline: d.target ? document.querySelector(d.target) : undefined,
      preview: d.preview !== undefined,
    });
    api.loaded = true;
    w.chorus = api;
    for (const args of queued) api(...(Array.from(args) as Parameters<Chorus>));
  } catch {
    // never break the host page
  }
})();
