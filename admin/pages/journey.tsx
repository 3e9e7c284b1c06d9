import { useState } from 'preact/hooks';
import { useCreateTouchpoint, useDeleteTouchpoint, useReorderTouchpoints, useTouchpoints, useUpdateTouchpoint, type Touchpoint } from '../hooks/use-touchpoints';
import { useAccess } from '../context';
import { Empty, ErrorNote, Show } from '../components/states';
import { CpiSection } from '../components/cpi-section';

/** Journey and CPIs (CX team): touchpoints in order, and the CPIs with per-touchpoint targets. */
export function JourneyPage() {
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const tps = useTouchpoints(version);
  return (
    <>
      <h1>Journey & CPIs</h1>
      <section class="panel" aria-labelledby="tp-h">
        <h2 id="tp-h">Touchpoints</h2>
        <p class="muted">The moments of the customer journey, in the order customers meet them.</p>
        <Show q={tps}>{(d) => <TouchpointList items={d.data} onChange={bump} />}</Show>
      </section>
      <Show q={tps}>{(d) => <CpiSection touchpoints={d.data} />}</Show>
    </>
  );
}

function TouchpointList({ items, onChange }: { items: Touchpoint[]; onChange: () => void }) {
  const { canEdit } = useAccess();
  const create = useCreateTouchpoint();
  const reorder = useReorderTouchpoints();
  const remove = useDeleteTouchpoint();
  const [name, setName] = useState('');
  const move = async (i: number, by: -1 | 1) => {
    const ids = items.map((t) => t.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    if (await reorder.run(ids)) onChange();
  };
  const add = async (e: Event) => {
    e.preventDefault();
    if (await create.run({ name })) {
      setName('');
      onChange();
    }
  };
  return (
    <>
      {items.length === 0 ? (
        <Empty>No touchpoints yet. Add the first moment of your journey below.</Empty>
      ) : (
        <ol class="journey-list">
          {items.map((t, i) => (
            <li key={t.id}>
              <span class="step-no" aria-hidden="true">
                {i + 1}
              </span>
              <TouchpointName tp={t} onChange={onChange} />
              <code class="muted">{t.id}</code>
              {canEdit && (
                <span class="row-actions">
                  <button type="button" class="icon" disabled={i === 0 || reorder.busy} onClick={() => move(i, -1)} aria-label={`Move ${t.name} earlier`}>
                    ↑
                  </button>
                  <button type="button" class="icon" disabled={i === items.length - 1 || reorder.busy} onClick={() => move(i, 1)} aria-label={`Move ${t.name} later`}>
                    ↓
                  </button>
                  <button
                    type="button"
                    class="danger"
                    onClick={async () => {
                      if (confirm(`Delete the touchpoint “${t.name}”?`) && (await remove.run(t.id)) !== undefined) onChange();
                    }}
                  >
                    Delete
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      <ErrorNote error={reorder.error ?? remove.error} />
      {canEdit && (
        <form class="inline-form" onSubmit={add}>
          <label>
            New touchpoint
            <input required maxLength={120} value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="e.g. Checkout" />
          </label>
          <button type="submit" disabled={create.busy}>
            Add touchpoint
          </button>
          <ErrorNote error={create.error} />
        </form>
      )}
    </>
  );
}

function TouchpointName({ tp, onChange }: { tp: Touchpoint; onChange: () => void }) {
  const { canEdit } = useAccess();
  const update = useUpdateTouchpoint();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(tp.name);
  if (!editing)
    return (
      <span class="tp-name">
        {tp.name}
        {canEdit && (
          <button type="button" class="link" onClick={() => setEditing(true)} aria-label={`Rename ${tp.name}`}>
            Rename
          </button>
        )}
      </span>
    );
  return (
    <form
      class="tp-name"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await update.run(tp.id, { name })) {
          setEditing(false);
          onChange();
        }
      }}
    >
      <label>
        <span class="sr">Name of {tp.name}</span>
        <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <button type="submit">Save</button>
      <button type="button" class="secondary" onClick={() => setEditing(false)}>
        Cancel
      </button>
      <ErrorNote error={update.error} />
    </form>
  );
}
