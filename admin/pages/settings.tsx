import { useState } from 'preact/hooks';
import { useUpdateWorkspace, useWorkspace, type Workspace } from '../hooks/use-workspace';
import { useAccess } from '../context';
import { ErrorNote, Show } from '../components/states';
import { ApiKeys, Invitations, Members } from '../components/access';

/** Workspace settings (owners change them): origins, time zone, keys, members, invitations. */
export function SettingsPage() {
  const [version, setVersion] = useState(0);
  const ws = useWorkspace(version);
  const { isOwner } = useAccess();
  return (
    <>
      <h1>Settings</h1>
      <Show q={ws}>{(w) => <WorkspaceForm key={w.id + version} w={w} onSaved={() => setVersion((v) => v + 1)} />}</Show>
      <Members />
      {isOwner ? (
        <>
          <Invitations />
          <ApiKeys />
        </>
      ) : (
        <p class="muted">Only owners manage API keys and invitations.</p>
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
        <label>
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
