import { useState } from 'preact/hooks';
import { useAlertRules, useAlerts, useCreateAlertRule, useDeleteAlertRule, useSetAlertRuleActive, type Alert } from '../hooks/use-alerts';
import { useTouchpoints } from '../hooks/use-touchpoints';
import { useAccess } from '../context';
import { href } from '../router';
import { NamedSelect } from '../components/named-select';
import { Empty, ErrorNote, Show } from '../components/states';

type Kind = 'detractor' | 'nps_drop' | 'cpi_drop' | 'theme_spike' | 'anomaly' | 'renewal_detractor';
type Sensitivity = 'low' | 'medium' | 'high';
const sensitivities: { id: Sensitivity; name: string }[] = [
  { id: 'low', name: 'Low (|z| ≥ 5)' },
  { id: 'medium', name: 'Medium (|z| ≥ 3.5)' },
  { id: 'high', name: 'High (|z| ≥ 2.5)' },
];
const kinds: { id: Kind; name: string }[] = [
  { id: 'detractor', name: 'Detractor received' },
  { id: 'nps_drop', name: 'NPS dropped (week over week)' },
  { id: 'cpi_drop', name: 'CPI attainment dropped (week over week)' },
  { id: 'theme_spike', name: 'Theme share spiked (week over week)' },
  { id: 'anomaly', name: 'Unusual day (volume or NPS against the weekday)' },
  { id: 'renewal_detractor', name: 'Detractor from an account renewing soon' },
];
const kindName = (k: string) => kinds.find((x) => x.id === k)?.name ?? k;

/** Alerts raised by the workspace's rules, and the rules (editors add, pause and delete them). */
export function AlertsPage() {
  const [version, setVersion] = useState(0);
  const alerts = useAlerts(version);
  const rules = useAlertRules(version);
  const touchpoints = useTouchpoints();
  const { canEdit } = useAccess();
  const setActive = useSetAlertRuleActive();
  const remove = useDeleteAlertRule();
  const tpName = (id: string) => touchpoints.data?.data.find((t) => t.id === id)?.name ?? id;
  const bump = () => setVersion((v) => v + 1);
  return (
    <>
      <h1>Alerts</h1>
      <section class="panel" aria-labelledby="alerts-h">
        <h2 id="alerts-h">Latest alerts</h2>
        <Show q={alerts}>
          {(d) =>
            d.data.length === 0 ? (
              <Empty>No alert yet. Week-over-week rules compare the last complete week with the one before; detractor rules alert as answers arrive.</Empty>
            ) : (
              <ul class="plain-list">
                {d.data.map((a) => (
                  <AlertItem key={a.id} a={a} />
                ))}
              </ul>
            )
          }
        </Show>
      </section>
      <section class="panel" aria-labelledby="rules-h">
        <h2 id="rules-h">Rules</h2>
        <Show q={rules}>
          {(d) =>
            d.data.length === 0 ? (
              <Empty>No rules yet.</Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Rule</th>
                    <th scope="col">Touchpoint</th>
                    <th scope="col">Status</th>
                    {canEdit && <th scope="col">Actions</th>}
                  </tr>
                </thead>
                <tbody>
                  {d.data.map((r) => (
                    <tr key={r.id}>
                      <td>
                        {r.name || kindName(r.kind)} <span class="muted">{r.name ? kindName(r.kind) : ''}{r.cpiId ? ` · ${r.cpiId}` : ''}{r.themeKey ? ` · ${r.themeKey}` : ''}</span>
                      </td>
                      <td>{tpName(r.touchpointId)}</td>
                      <td>{r.active ? 'on' : 'off'}</td>
                      {canEdit && (
                        <td class="row-actions">
                          <button type="button" class="secondary" onClick={async () => (await setActive.run(r.id, !r.active)) && bump()}>
                            {r.active ? 'Pause' : 'Resume'}
                          </button>
                          <button type="button" class="danger" onClick={async () => confirm('Delete this rule? Its alerts stay listed.') && (await remove.run(r.id)) !== undefined && bump()}>
                            Delete
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Show>
        <ErrorNote error={setActive.error ?? remove.error} />
        {canEdit && touchpoints.data && <NewRule touchpoints={touchpoints.data.data} onCreated={bump} />}
      </section>
    </>
  );
}

function AlertItem({ a }: { a: Alert }) {
  const responseId = (a.details as { responseId?: unknown }).responseId;
  return (
    <li>
      <strong>{kindName(a.kind)}</strong> <span class="muted">{new Date(a.createdAt).toLocaleString()}</span>
      <div>{a.message}</div>
      {typeof responseId === 'string' && <a href={href('responses', { id: responseId })}>Open the response</a>}
    </li>
  );
}

function NewRule({ touchpoints, onCreated }: { touchpoints: readonly { id: string; name: string }[]; onCreated: () => void }) {
  const create = useCreateAlertRule();
  const [kind, setKind] = useState<Kind>('detractor');
  const [touchpointId, setTouchpointId] = useState(touchpoints[0]?.id ?? '');
  const [name, setName] = useState('');
  const [sensitivity, setSensitivity] = useState<Sensitivity>('medium');
  const [windowDays, setWindowDays] = useState(90);
  const rule = () =>
    kind === 'anomaly' ? { kind, touchpointId, name, sensitivity } : kind === 'renewal_detractor' ? { kind, touchpointId, name, windowDays } : { kind, touchpointId, name };
  return (
    <form
      class="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await create.run(rule())) {
          setName('');
          onCreated();
        }
      }}
    >
      <label>
        Alert when
        <NamedSelect value={kind} items={kinds} onChange={(k) => setKind(k as Kind)} />
      </label>
      <label>
        At touchpoint
        <NamedSelect value={touchpointId} items={touchpoints} onChange={setTouchpointId} />
      </label>
      {kind === 'anomaly' && (
        <label>
          Sensitivity
          <NamedSelect value={sensitivity} items={sensitivities} onChange={(v) => setSensitivity(v as Sensitivity)} />
        </label>
      )}
      {kind === 'renewal_detractor' && (
        <label>
          Renewal within (days)
          <input type="number" min={1} max={730} value={windowDays} onInput={(e) => setWindowDays(Number(e.currentTarget.value))} />
        </label>
      )}
      <label>
        Name (optional)
        <input value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={create.busy || !touchpointId}>
        Add rule
      </button>
      <ErrorNote error={create.error} />
    </form>
  );
}
