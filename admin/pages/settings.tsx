import { useState } from 'preact/hooks';
import { InstallCheck } from '../components/install-check';
import { useAllowOrigin, useRefusedOrigins, useUpdateWorkspace, useWorkspace, type Workspace } from '../hooks/use-workspace';
import { useAccess } from '../context';
import { ErrorNote, Show } from '../components/states';
import { ApiKeys, Invitations, Members } from '../components/access';
import { ShareLinks } from '../components/share-links';

/** Workspace settings (owners change them): origins, time zone, keys, members, invitations. */
export function SettingsPage() {
  const [version, setVersion] = useState(0);
  const ws = useWorkspace(version);
  const { isOwner } = useAccess();
  return (
    <>
      <h1>Settings</h1>
      <Show q={ws}>{(w) => <WorkspaceForm key={w.id + version} w={w} onSaved={() => setVersion((v) => v + 1)} />}</Show>
      <RefusedOrigins version={version} onAllowed={() => setVersion((v) => v + 1)} />
      <section class="panel">
        <InstallCheck />
      </section>
      <Members />
      {isOwner ? (
        <>
          <Invitations />
          <ApiKeys />
          <ShareLinks />
        </>
      ) : (
        <p class="muted">Only owners manage API keys, invitations and share links.</p>
      )}
    </>
  );
}

function WorkspaceForm({ w, onSaved }: { w: Workspace; onSaved: () => void }) {
  const { isOwner } = useAccess();
  const update = useUpdateWorkspace();
  const [origins, setOrigins] = useState(w.allowedOrigins.join('\n'));
  const [tz, setTz] = useState(w.timezone);
  const [accountAttribute, setAccountAttribute] = useState(w.settings.accountAttribute);
  const [revenueAttribute, setRevenueAttribute] = useState(w.settings.revenueAttribute);
  const [saved, setSaved] = useState(false);
  return (
    <form
      class="panel"
      onSubmit={async (e) => {
        e.preventDefault();
        const allowedOrigins = origins.split('\n').map((s) => s.trim()).filter(Boolean);
        if (await update.run({ allowedOrigins, timezone: tz, settings: { accountAttribute, revenueAttribute } })) {
          setSaved(true);
          onSaved();
        }
      }}
    >
      <h2>Workspace “{w.name}”</h2>
      <p>
        Public key for the widget: <code>{w.publicKey}</code>
      </p>
      <fieldset disabled={!isOwner || update.busy} class="plain">
        <label id="allowed-origins">
          Allowed origins (one per line; the widget only works on these sites)
          <textarea rows={4} value={origins} onInput={(e) => (setOrigins(e.currentTarget.value), setSaved(false))} placeholder="https://www.example.com" />
        </label>
        <label>
          Time zone (IANA, used for day / week / month buckets)
          <input value={tz} onInput={(e) => (setTz(e.currentTarget.value), setSaved(false))} placeholder="Europe/Paris" />
        </label>
        <label>
          Account attribute (responses roll up to accounts by this attribute)
          <input value={accountAttribute} onInput={(e) => (setAccountAttribute(e.currentTarget.value), setSaved(false))} placeholder="accountId" />
        </label>
        <label>
          Revenue attribute (the account's ARR, for ARR at risk)
          <input value={revenueAttribute} onInput={(e) => (setRevenueAttribute(e.currentTarget.value), setSaved(false))} placeholder="arr" />
        </label>
        {isOwner && (
          <div class="actions">
            <button type="submit">Save workspace</button>
            <span role="status">{saved ? 'Saved.' : ''}</span>
          </div>
        )}
      </fieldset>
      <ErrorNote error={update.error} />
    </form>
  );
}

/**
 * Sites the widget was refused from in the last 7 days: the usual reason a newly embedded
 * widget stays silent. Owners allow one with a click.
 */
function RefusedOrigins({ version, onAllowed }: { version: number; onAllowed: () => void }) {
  const refused = useRefusedOrigins(version);
  const allow = useAllowOrigin();
  const { isOwner } = useAccess();
  return (
    <section class="panel" aria-labelledby="refused-origins">
      <h2 id="refused-origins">Refused origins (last 7 days)</h2>
      <p class="muted">Sites that embed the widget but are not allowed origins: the widget stays silent there and logs why in the browser console.</p>
      <Show q={refused}>
        {(r) =>
          r.data.length === 0 ? (
            <p class="muted">None: every site that loaded the widget is allowed.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Origin</th>
                  <th scope="col" class="num">Requests</th>
                  <th scope="col">Last seen</th>
                  {isOwner && <th scope="col">Allow</th>}
                </tr>
              </thead>
              <tbody>
                {r.data.map((o) => (
                  <tr key={o.origin}>
                    <td><code>{o.origin}</code></td>
                    <td class="num">{o.count}</td>
                    <td>{new Date(o.lastSeen).toLocaleString()}</td>
                    {isOwner && (
                      <td>
                        <button type="button" disabled={allow.busy} onClick={async () => (await allow.run(o.origin)) && onAllowed()}>
                          Allow {o.origin}
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
      <ErrorNote error={allow.error} />
    </section>
  );
}
