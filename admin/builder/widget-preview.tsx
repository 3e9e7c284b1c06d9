import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClientSurvey } from '../../widget/types';
import type { Draft } from './draft';

/**
 * The real widget UI (widget/ui/mount, loaded as its own chunk on first use) rendered inline
 * in a box, with a `send` that posts nothing. The widget picks its locale from the browser,
 * so previewing a translation hands it a survey whose default locale is that translation.
 */
export function WidgetPreview({ id, draft }: { id: string; draft: Draft }) {
  const box = useRef<HTMLDivElement>(null);
  const [locale, setLocale] = useState(draft.defaultLocale);
  const [round, setRound] = useState(0);
  const [failed, setFailed] = useState(false);
  const locales = [draft.defaultLocale, ...Object.keys(draft.translations)];
  useEffect(() => {
    let live = true;
    // Debounced: typing a question text re-renders the preview once the typing pauses.
    const t = setTimeout(async () => {
      try {
        const { mount } = await import('../../widget/ui/mount');
        const el = box.current;
        if (!live || !el) return;
        el.replaceChildren();
        const tr = locale === draft.defaultLocale ? {} : { [locale]: draft.translations[locale]! };
        const survey: ClientSurvey = { id, ...draft, defaultLocale: locale, translations: tr, updatedAt: 0 };
        // Passive: the preview re-renders while the person types in the form beside it, and
        // must never take their focus (keystrokes would land in the preview, Space would answer it).
        mount({ survey, inline: el, passive: true, send: () => {}, onClose: () => setRound((r) => r + 1) });
      } catch {
        setFailed(true);
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [JSON.stringify(draft), locale, round]);
  return (
    <div class="preview">
      <div class="preview-bar">
        <label>
          Preview locale
          <select value={locale} onChange={(e) => setLocale(e.currentTarget.value)}>
            {locales.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <button type="button" class="secondary" onClick={() => setRound((r) => r + 1)}>
          Restart preview
        </button>
      </div>
      {failed && <p class="state error">The widget preview could not be loaded.</p>}
      <div ref={box} class="preview-box" aria-label="Live preview of the survey widget" role="region" />
      <p class="muted">Answers given in the preview are not sent.</p>
    </div>
  );
}
