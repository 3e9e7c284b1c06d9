import { useState } from 'preact/hooks';
import { useApiKeys, useCancelInvitation, useCreateApiKey, useInvitations, useInvite, useMembers, useRemoveMember, useRevokeApiKey, useSetMemberRole } from '../hooks/use-access';
import type { Role } from '../hooks/use-session';
import { useAccess } from '../context';
import { CopyButton } from './copy-button';
import { Empty, ErrorNote, Show } from './states';

const roles: Role[] = ['viewer', 'editor', 'owner'];
const RoleSelect = ({ value, onChange, label }: { value: Role; onChange: (r: Role) => void; label: string }) => (
  <label>
    <span class="sr">{label}</span>
    <select value={value} onChange={(e) => onChange(e.currentTarget.value as Role)}>
      {roles.map((r) => (
        <option key={r}>{r}</option>
      ))}
    </select>
  </label>
);

export function Members() {
  const [v, setV] = useState(0);
  const members = useMembers(v);
  const setRole = useSetMemberRole();
  const remove = useRemoveMember();
  const { isOwner } = useAccess();
  return (
    <section class="panel" aria-labelledby="members-h">
      <h2 id="members-h">Members</h2>
      <Show q={members}>
        {(d) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Role</th>
                {isOwner && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {d.data.map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.name || m.email} <span class="muted">{m.name ? m.email : ''}</span>
                  </td>
                  <td>{isOwner ? <RoleSelect label={`Role of ${m.email}`} value={m.role} onChange={async (r) => (await setRole.run(m.userId, r)) && setV(v + 1)} /> : m.role}</td>
                  {isOwner && (
                    <td>
                      <button type="button" class="danger" onClick={async () => confirm(`Remove ${m.email}?`) && (await remove.run(m.userId)) !== undefined && setV(v + 1)}>
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Show>
      <ErrorNote error={setRole.error ?? remove.error} />
    </section>
  );
}

export function Invitations() {
  const [v, setV] = useState(0);
  const list = useInvitations(v);
  const invite = useInvite();
  const cancel = useCancelInvitation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [link, setLink] = useState<string | null>(null);
  return (
    <section class="panel" aria-labelledby="inv-h">
      <h2 id="inv-h">Invitations</h2>
      <form
        class="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await invite.run(email, role);
          if (r) (setLink(r.link), setEmail(''), setV(v + 1));
        }}
      >
        <label>
          Email
          <input type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <RoleSelect label="Role of the invitee" value={role} onChange={setRole} />
        <button type="submit" disabled={invite.busy}>
          Invite
        </button>
      </form>
      <ErrorNote error={invite.error ?? cancel.error} />
      {link && (
        <div class="once" role="status">
          <p>Send this link to the invitee (valid 7 days, works once):</p>
          <code class="secret">{link}</code> <CopyButton text={link} label="Copy link" />
        </div>
      )}
      <Show q={list}>
        {(d) =>
          d.data.length === 0 ? (
            <Empty>No invitations.</Empty>
          ) : (
            <ul class="plain-list">
              {d.data.map((i) => (
                <li key={i.id}>
                  {i.email} as {i.role} — {i.acceptedAt ? 'accepted' : `expires ${new Date(i.expiresAt).toLocaleDateString()}`}{' '}
                  {!i.acceptedAt && (
                    <button type="button" class="link" onClick={async () => (await cancel.run(i.id)) !== undefined && setV(v + 1)}>
                      Cancel invitation to {i.email}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </section>
  );
}

export function ApiKeys() {
  const [v, setV] = useState(0);
  const keys = useApiKeys(v);
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [created, setCreated] = useState<string | null>(null);
  return (
    <section class="panel" aria-labelledby="keys-h">
      <h2 id="keys-h">API keys</h2>
      <form
        class="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await create.run(name, role);
          if (r) (setCreated(r.key), setName(''), setV(v + 1));
        }}
      >
        <label>
          Key name
          <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <RoleSelect label="Role of the key" value={role} onChange={setRole} />
        <button type="submit" disabled={create.busy}>
          Create key
        </button>
      </form>
      <ErrorNote error={create.error ?? revoke.error} />
      {created && (
        <div class="once" role="status">
          <p>Copy this key now: it is shown only once.</p>
          <code class="secret">{created}</code> <CopyButton text={created} label="Copy key" />
        </div>
      )}
      <Show q={keys}>
        {(d) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Role</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {d.data.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{k.role}</td>
                  <td>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : 'never'}</td>
                  <td>
                    {k.revokedAt ? (
                      'revoked'
                    ) : (
                      <button type="button" class="danger" onClick={async () => confirm(`Revoke the key “${k.name}”?`) && (await revoke.run(k.id)) !== undefined && setV(v + 1)}>
                        Revoke {k.name}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Show>
    </section>
  );
}
