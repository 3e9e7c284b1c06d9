import { useState } from 'preact/hooks';
import { defaults } from '../../widget/ui/i18n';
import type { Draft, Translation } from './draft';

/** Per-locale overrides of question texts, scale labels, options and the widget's own strings. */
export function TranslationsEditor({ d, set }: { d: Draft; set: (patch: Partial<Draft>) => void }) {
  const [locale, setLocale] = useState('');
  const locales = Object.keys(d.translations);
  const put = (l: string, t: Translation) => set({ translations: { ...d.translations, [l]: t } });
  const drop = (l: string) => set({ translations: Object.fromEntries(Object.entries(d.translations).filter(([k]) => k !== l)) });
  return (
    <fieldset>
      <legend>Translations</legend>
      <p class="muted">
        Default locale <strong>{d.defaultLocale}</strong>. The widget picks the locale that best fits the respondent's browser.
      </p>
      {locales.map((l) => {
        const t = d.translations[l]!;
        const q = (id: string) => t.questions[id] ?? {};
        const setQ = (id: string, field: 'text' | 'lowLabel' | 'highLabel', v: string) => put(l, { ...t, questions: { ...t.questions, [id]: { ...q(id), [field]: v } } });
        return (
          <details key={l} class="locale" open>
            <summary>
              {l} <span class="muted">({Object.keys(t.questions).length} questions translated)</span>
            </summary>
            {d.questions.map((qq) => (
              <div key={qq.id} class="grid2">
                <label>
                  “{qq.text}” in {l}
                  <input value={q(qq.id).text ?? ''} onInput={(e) => setQ(qq.id, 'text', e.currentTarget.value)} />
                </label>
                {(qq.kind === 'nps' || qq.kind === 'csat' || qq.kind === 'ces') && (
                  <label>
                    Scale labels (low / high) in {l}
                    <span class="pair">
                      <input aria-label={`Low label in ${l}`} value={q(qq.id).lowLabel ?? ''} onInput={(e) => setQ(qq.id, 'lowLabel', e.currentTarget.value)} />
                      <input aria-label={`High label in ${l}`} value={q(qq.id).highLabel ?? ''} onInput={(e) => setQ(qq.id, 'highLabel', e.currentTarget.value)} />
                    </span>
                  </label>
                )}
              </div>
            ))}
            {d.questions.flatMap((qq) =>
              (qq.prompts ?? []).map((p) => (
                <label key={`${qq.id}.${p.id}`}>
                  “{p.text}” in {l}
                  <input
                    value={q(qq.id).prompts?.[p.id] ?? ''}
                    onInput={(e) => put(l, { ...t, questions: { ...t.questions, [qq.id]: { ...q(qq.id), prompts: { ...q(qq.id).prompts, [p.id]: e.currentTarget.value } } } })}
                  />
                </label>
              )),
            )}
            {d.endings.map((e) => (
              <label key={`end.${e.id}`}>
                End screen “{e.text}” in {l}
                <input value={t.endings?.[e.id]?.text ?? ''} onInput={(ev) => put(l, { ...t, endings: { ...t.endings, [e.id]: { ...t.endings?.[e.id], text: ev.currentTarget.value } } })} />
              </label>
            ))}
            <div class="grid3">
              {(['next', 'submit', 'skip', 'thanks', 'yes', 'partly', 'no'] as const).map((k) => (
                <label key={k}>
                  “{defaults[k]}” in {l}
                  <input value={t.strings[k] ?? ''} onInput={(e) => put(l, { ...t, strings: { ...t.strings, [k]: e.currentTarget.value } })} />
                </label>
              ))}
            </div>
            <button type="button" class="danger" onClick={() => drop(l)}>
              Remove {l}
            </button>
          </details>
        );
      })}
      <div class="inline-form">
        <label>
          Add a locale
          <input value={locale} onInput={(e) => setLocale(e.currentTarget.value)} placeholder="fr, de-AT…" pattern="[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*" />
        </label>
        <button
          type="button"
          class="secondary"
          disabled={locale.length < 2 || locales.includes(locale) || locale === d.defaultLocale}
          onClick={() => {
            put(locale, { questions: {}, strings: {} });
            setLocale('');
          }}
        >
          Add locale
        </button>
      </div>
    </fieldset>
  );
}
