import { useEffect, useState } from 'preact/hooks';
import { useSurvey, useUpdateSurvey, type Survey } from '../hooks/use-surveys';
import { useTouchpoints, type Touchpoint } from '../hooks/use-touchpoints';
import { useCpis, type Cpi } from '../hooks/use-cpis';
import { useWorkspace } from '../hooks/use-workspace';
import { useActivationChecks } from '../hooks/use-activation';
import { useAccess } from '../context';
import { href } from '../router';
import { ErrorNote, Show } from '../components/states';
import { toDraft, type Draft } from '../builder/draft';
import { QuestionsEditor } from '../builder/question-editor';
import { TargetingEditor } from '../builder/targeting-editor';
import { AppearanceEditor } from '../builder/appearance-editor';
import { TranslationsEditor } from '../builder/translations-editor';
import { EndingsEditor } from '../builder/logic-editor';
import { StatusBar } from '../builder/status-bar';
import { Share } from '../builder/share';
import { WidgetPreview } from '../builder/widget-preview';

/** The survey builder: everything about one survey, with the real widget as a live preview. */
export function SurveyPage({ id }: { id: string }) {
  const survey = useSurvey(id);
  const tps = useTouchpoints();
  const cpis = useCpis();
  const ws = useWorkspace();
  return (
    <Show q={survey}>
      {(s) => (
        <Show q={tps}>
          {(t) => (
            <Show q={cpis}>
              {(c) => <Builder survey={s} touchpoints={t.data} cpis={c.data} publicKey={ws.data?.publicKey ?? null} onSaved={survey.reload} />}
            </Show>
          )}
        </Show>
      )}
    </Show>
  );
}

interface Props {
  survey: Survey;
  touchpoints: Touchpoint[];
  cpis: Cpi[];
  publicKey: string | null;
  onSaved: () => void;
}

function Builder({ survey, touchpoints, cpis, publicKey, onSaved }: Props) {
  const { canEdit } = useAccess();
  const update = useUpdateSurvey();
  // Checks describe the saved survey: asked again after every save or status change.
  const checks = useActivationChecks(survey.id, survey.updatedAt);
  const [draft, setDraft] = useState<Draft>(() => toDraft(survey));
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setDraft(toDraft(survey));
    setDirty(false);
  }, [survey.updatedAt]);
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setDirty(true);
    setSaved(false);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    if (await update.run(survey.id, draft)) {
      setSaved(true);
      onSaved();
    }
  };
  return (
    <>
      <p>
        <a href={href('surveys')}>← Surveys</a>
      </p>
      <h1>{survey.name}</h1>
      <StatusBar status={survey.status} busy={update.busy || dirty} canEdit={canEdit} checks={checks.data?.data ?? []} onChange={async (status) => (await update.run(survey.id, { status })) && onSaved()} />
      {dirty && canEdit && <p class="muted">Save your changes before changing the status.</p>}
      <div class="builder">
        <form class="builder-form" onSubmit={save}>
          <fieldset disabled={!canEdit} class="plain">
            <section class="panel">
              <h2>Basics</h2>
              <div class="grid3">
                <label>
                  Name
                  <input required value={draft.name} onInput={(e) => set({ name: e.currentTarget.value })} />
                </label>
                <label>
                  Touchpoint
                  <select value={draft.touchpointId} onChange={(e) => set({ touchpointId: e.currentTarget.value })}>
                    {touchpoints.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Default locale
                  <input required value={draft.defaultLocale} onInput={(e) => set({ defaultLocale: e.currentTarget.value })} />
                </label>
              </div>
            </section>
            <section class="panel">
              <h2>Questions</h2>
              <QuestionsEditor questions={draft.questions} cpis={cpis} onChange={(questions) => set({ questions })} />
            </section>
            <section class="panel">
              <EndingsEditor d={draft} set={set} />
            </section>
            <section class="panel">
              <h2>Targeting and throttling</h2>
              <TargetingEditor d={draft} set={set} />
            </section>
            <section class="panel">
              <AppearanceEditor d={draft} set={set} />
            </section>
            <section class="panel">
              <TranslationsEditor d={draft} set={set} />
            </section>
          </fieldset>
          {canEdit && (
            <div class="save-bar">
              <button type="submit" disabled={update.busy || !dirty}>
                {update.busy ? 'Saving…' : 'Save survey'}
              </button>
              <span role="status">{saved ? 'Saved.' : dirty ? 'Unsaved changes' : ''}</span>
            </div>
          )}
          <ErrorNote error={update.error} />
        </form>
        <aside class="panel preview-panel" aria-label="Preview and sharing">
          <h2>Live preview</h2>
          <WidgetPreview id={survey.id} draft={draft} />
          <Share surveyId={survey.id} publicKey={publicKey} />
        </aside>
      </div>
    </>
  );
}
