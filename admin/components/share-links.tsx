import { useState } from 'preact/hooks';
import { useCreateShareLink, useRevokeShareLink, useShareLinks, type ShareFilters, type ShareLink } from '../hooks/use-share-links';
import { CopyButton } from './copy-button';
import { Empty, ErrorNote, Show } from './states';

const lifetimes: [number, string][] = [
  [7, '7 days'],
  [30, '30 days'],
  [90, '90 days'],
  [365, '1 year'],
];

const describe = (f: ShareLink['filters']) =>
  [f.touchpoint ?? 'all touchpoints', f.from || f.to ? `${f.from ?? '…'} to ${f.to ?? 'today'}` : 'the last weeks (rolling)', `by ${f.bucket}`, f.attribute ? `segment ${f.attribute}` : ''].filter(Boolean).join(', ');

/** The overview's "Share" control (owners): a read-only link to this view, with its filters and an expiry. */
export function ShareButton({ filters }: { filters: ShareFilters }) {
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState(30);
  const create = useCreateShareLink();
  const [made, setMade] = useState<{ url: string; expiresAt: string } | null>(null);
  if (!open) {
    return (
      <button type="button" class="secondary" aria-expanded="false" onClick={() => setOpen(true)}>
        Share
      </button>
    );
  }
  return (
    <section class="panel share-make" aria-labelledby="share-h">
      <h2 id="share-h">Share this view read-only</h2>
      <p class="muted">Anyone with the link sees this overview's figures with these filters, without logging in — no comments and no responses. Revoke it in Settings.</p>
      <form
        class="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await create.run(filters, days);
          if (r) setMade({ url: r.url, expiresAt: r.expiresAt });
        }}
      >
        <label>
          Expires after
          <select value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            {lifetimes.map(([d, label]) => (
              <option key={d} value={d}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={create.busy}>
          Create link
        </button>
        <button type="button" class="secondary" onClick={() => (setOpen(false), setMade(null))}>
          Close
        </button>
      </form>
      <ErrorNote error={create.error} />
      {made && (
        <div class="once" role="status">
          <p>Copy this link now: it is shown only once. It expires on {new Date(made.expiresAt).toLocaleDateString()}.</p>
          <code class="secret" data-share-url>
            {made.url}
          </code>{' '}
          <CopyButton text={made.url} label="Copy link" />
        </div>
      )}
    </section>
  );
}

/** Settings: every share link of the workspace, with what it shows, who made it, and revoke. */
export function ShareLinks() {
  const [v, setV] = useState(0);
  const list = useShareLinks(v);
  const revoke = useRevokeShareLink();
  const now = Date.now();
  return (
    <section class="panel" aria-labelledby="shares-h">
      <h2 id="shares-h">Share links</h2>
      <p class="muted">Read-only links to the overview, made with its Share button. A revoked link stops working at once.</p>
      <ErrorNote error={revoke.error} />
      <Show q={list}>
        {(d) =>
          d.data.length === 0 ? (
            <Empty>No share links yet.</Empty>
          ) : (
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Link</th>
                    <th scope="col">Shows</th>
                    <th scope="col">Shared by</th>
                    <th scope="col">Expires</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {d.data.map((l) => (
                    <tr key={l.id} data-share-link={l.id}>
                      <td>
                        <code>{l.prefix}…</code>
                      </td>
                      <td>{describe(l.filters)}</td>
                      <td>{l.sharedBy}</td>
                      <td>{new Date(l.expiresAt).toLocaleDateString()}</td>
                      <td>
                        {l.revokedAt ? (
                          'revoked'
                        ) : Date.parse(l.expiresAt) <= now ? (
                          'expired'
                        ) : (
                          <button type="button" class="danger" onClick={async () => {
                              if (!confirm('Revoke this share link? Anyone holding it loses access at once.')) return;
                              await revoke.run(l.id); // 204: no body, so reload either way and show the state
                              setV(v + 1);
                            }}>
                            Revoke <span class="sr">link {l.prefix}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
    </section>
  );
}
