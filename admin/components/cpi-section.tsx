import { useState } from 'preact/hooks';
import { useCpis, useCreateCpi, useDeleteCpi, useUpdateCpi, type Cpi } from '../hooks/use-cpis';
import type { Touchpoint } from '../hooks/use-touchpoints';
import { useAccess } from '../context';
import { Empty, ErrorNote, Show } from './states';

type Targets = Record<string, string>; // touchpointId → percent as typed

const toTargets = (c: Cpi | null): Targets => Object.fromEntries((c?.targets ?? []).map((t) => [t.touchpointId, String(Math.round(t.target * 100))]));
// The API takes shares (0.8); people type percentages (80).
const fromTargets = (t: Targets) =>
  Object.entries(t)
    .filter(([, v]) => v.trim() !== '')
    .map(([touchpointId, v]) => ({ touchpointId, target: Number(v) / 100 }));

/** CPIs and their per-touchpoint target attainment. */
export function CpiSection({ touchpoints }: { touchpoints: Touchpoint[] }) {
  const [version, setVersion] = useState(0);
  const cpis = useCpis(version);
  const { canEdit } = useAccess();
  const bump = () => setVersion((v) => v + 1);
  return (
    <section class="panel" aria-labelledby="cpi-h">
      <h2 id="cpi-h">Customer performance indicators</h2>
      <p class="muted">Goals customers want to reach, with the attainment you aim for at each touchpoint.</p>
      <Show q={cpis}>
        {(d) => (
          <>
            {d.data.length === 0 && <Empty>No CPIs yet.</Empty>}
            {d.data.map((c) => (
              <CpiEditor key={c.id + version} cpi={c} touchpoints={touchpoints} onSaved={bump} />
            ))}
          </>
        )}
      </Show>
      {canEdit && <CpiEditor cpi={null} touchpoints={touchpoints} onSaved={bump} />}
    </section>
  );
}

function CpiEditor({ cpi, touchpoints, onSaved }: { cpi: Cpi | null; touchpoints: Touchpoint[]; onSaved: () => void }) {
  const { canEdit } = useAccess();
  const create = useCreateCpi();
  const update = useUpdateCpi();
  const remove = useDeleteCpi();
  const [name, setName] = useState(cpi?.name ?? '');
  const [targets, setTargets] = useState<Targets>(toTargets(cpi));
  const save = async (e: Event) => {
    e.preventDefault();
    const body = { name, targets: fromTargets(targets) };
    const ok = cpi ? await update.run(cpi.id, body) : await create.run(body);
    if (ok) {
      if (!cpi) (setName(''), setTargets({}));
      onSaved();
    }
  };
  const legend = cpi ? cpi.name : 'New CPI';
  return (
    <form class="cpi" onSubmit={save}>
      <fieldset disabled={!canEdit}>
        <legend>{legend}</legend>
        <label>
          Name (from the customer's side)
          <input required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="e.g. Solved my problem first time" />
        </label>
        <div class="targets">
          {touchpoints.map((t) => (
            <label key={t.id}>
              {t.name} target %
              <input
                type="number"
                min={0}
                max={100}
                step={1}
                value={targets[t.id] ?? ''}
                onInput={(e) => setTargets({ ...targets, [t.id]: e.currentTarget.value })}
                placeholder="—"
              />
            </label>
          ))}
        </div>
        {canEdit && (
          <div class="actions">
            <button type="submit" disabled={create.busy || update.busy}>
              {cpi ? 'Save CPI' : 'Add CPI'}
            </button>
            {cpi && (
              <button type="button" class="danger" onClick={async () => confirm(`Delete the CPI “${cpi.name}”?`) && (await remove.run(cpi.id)) !== undefined && onSaved()}>
                Delete
              </button>
            )}
          </div>
        )}
        <ErrorNote error={create.error ?? update.error ?? remove.error} />
      </fieldset>
    </form>
  );
}
