import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../hooks/use-session';

const links: [string, string][] = [
  ['overview', 'Overview'],
  ['journey', 'Journey & CPIs'],
  ['surveys', 'Surveys'],
  ['responses', 'Responses'],
  ['accounts', 'Accounts'],
  ['digest', 'Digest'],
  ['themes', 'Themes'],
  ['alerts', 'Alerts'],
  ['settings', 'Settings'],
];

interface Props {
  session: Session;
  current: string;
  workspaceId: string | null;
  role: string | null;
  onWorkspace: (id: string) => void;
  onLogout: () => void;
  children: ComponentChildren;
}

/** The frame around every logged-in page: navigation, workspace picker, who is logged in. */
export function Layout(p: Props) {
  return (
    <div class="app">
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Chorus</span>
        {/* Print only: the workspace and the date on every printed page's header (docs/ADMIN.md, "Print"). */}
        <p class="print-only print-meta">
          {p.session.workspaces.find((w) => w.id === p.workspaceId)?.name ?? p.session.workspaces[0]?.name} · <PrintStamp />
        </p>
        <nav aria-label="Main">
          {links.map(([path, label]) => (
            <a key={path} href={`#/${path}`} aria-current={p.current === path ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <div class="who">
          {p.session.workspaces.length > 1 ? (
            <label>
              <span class="sr">Workspace</span>
              <select value={p.workspaceId ?? ''} onChange={(e) => p.onWorkspace(e.currentTarget.value)}>
                {p.session.workspaces.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span>{p.session.workspaces[0]?.name}</span>
          )}
          <span class="role">{p.role}</span>
          <span class="email">{p.session.user.email}</span>
          <button type="button" class="secondary" onClick={p.onLogout}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {p.children}
      </main>
    </div>
  );
}

/** "Printed on …", set again when the browser starts printing, so a page left open prints today's date. */
export function PrintStamp() {
  const [at, setAt] = useState(() => new Date());
  useEffect(() => {
    const on = () => setAt(new Date());
    addEventListener('beforeprint', on);
    return () => removeEventListener('beforeprint', on);
  }, []);
  return <span class="print-stamp">printed {at.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' })}</span>;
}
