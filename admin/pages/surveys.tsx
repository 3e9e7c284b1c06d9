import { useState } from 'preact/hooks';
import { useCreateSurvey, useSurveys } from '../hooks/use-surveys';
import { useTouchpoints } from '../hooks/use-touchpoints';
import { useAccess } from '../context';
import { href, navigate } from '../router';
import { Empty, ErrorNote, Show } from '../components/states';
import { newQuestion } from '../builder/draft';
import { NamedSelect } from '../components/named-select';
import { SurveyWarnings } from '../builder/activation-warnings';

/** Every survey with its touchpoint and status; editors start new ones here. */
export function SurveysPage() {
  const surveys = useSurveys();
  const tps = useTouchpoints();
  const { canEdit } = useAccess();
  const tpName = (id: string) => tps.data?.data.find((t) => t.id === id)?.name ?? id;
  return (
    <>
      <h1>Surveys</h1>
      {canEdit && tps.data && <NewSurvey touchpoints={tps.data.data} />}
      <section class="panel">
        <Show q={surveys}>
          {(d) =>
            d.data.length === 0 ? (
              <Empty>No surveys yet.</Empty>
            ) : (
              <table>
                <caption class="sr">Surveys</caption>
                <thead>
                  <tr>
                    <th scope="col">Survey</th>
                    <th scope="col">Touchpoint</th>
                    <th scope="col">Status</th>
                    <th scope="col">Checks</th>
                    <th scope="col">Questions</th>
                    <th scope="col">Responses</th>
                  </tr>
                </thead>
                <tbody>
                  {d.data.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <a href={href(`surveys/${s.id}`)}>{s.name}</a>
                      </td>
                      <td>{tpName(s.touchpointId)}</td>
                      <td>
                        <span class={`badge ${s.status}`}>{s.status}</span>
                      </td>
                      <td>
                        <SurveyWarnings id={s.id} status={s.status} version={Date.parse(s.updatedAt)} />
                      </td>
                      <td>{s.questions.length}</td>
                      <td>
                        <a href={href('responses', { survey: s.id })}>View responses</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Show>
      </section>
    </>
  );
}

function NewSurvey({ touchpoints }: { touchpoints: { id: string; name: string }[] }) {
  const create = useCreateSurvey();
  const [name, setName] = useState('');
  const [tp, setTp] = useState(touchpoints[0]?.id ?? '');
  if (touchpoints.length === 0) return <Empty>Add a touchpoint on the Journey page before creating a survey.</Empty>;
  const submit = async (e: Event) => {
    e.preventDefault();
    // Starts as a draft with the two questions nearly every survey has; the builder does the rest.
    const questions = [newQuestion('nps', [], undefined), newQuestion('text', ['nps'], undefined)];
    const s = await create.run({ name, touchpointId: tp || touchpoints[0]!.id, questions: [{ ...questions[0]!, required: true }, questions[1]!] });
    if (s) navigate(href(`surveys/${s.id}`));
  };
  return (
    <form class="panel inline-form" onSubmit={submit}>
      <label>
        New survey name
        <input required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        Touchpoint
        <NamedSelect value={tp} items={touchpoints} onChange={setTp} />
      </label>
      <button type="submit" disabled={create.busy}>
        Create draft
      </button>
      <ErrorNote error={create.error} />
    </form>
  );
}
