import { useRoute, navigate } from './router';
import { useLogout, useSession, type Session } from './hooks/use-session';
import { AccessContext } from './context';
import { Layout } from './components/layout';
import { Loading } from './components/states';
import { LoginPage } from './pages/login';
import { InvitePage } from './pages/invite';
import { OverviewPage } from './pages/overview';
import { JourneyPage } from './pages/journey';
import { SurveysPage } from './pages/surveys';
import { SurveyPage } from './pages/survey';
import { ResponsesPage } from './pages/responses';
import { ThemesPage } from './pages/themes';
import { SettingsPage } from './pages/settings';
import { AlertsPage } from './pages/alerts';
import { AccountsPage } from './pages/accounts';
import { DigestPage } from './pages/digest';
import { SharedPage } from './pages/shared';

/** Picks the page for the hash route; everything but login, invitations and share links needs a session. */
export function App() {
  const route = useRoute();
  const { session, accept, workspaceId, pickWorkspace, role } = useSession();
  const logout = useLogout();
  const [first = 'overview', second] = route.parts;

  if (first === 'invite' && second) {
    const joined = (s: Session, ws: string) => {
      accept(s);
      pickWorkspace(ws);
      navigate('#/overview');
    };
    return <InvitePage token={second} session={session} onSession={accept} onAccepted={joined} />;
  }
  // A share link is its own credential: no session, no navigation.
  if (first === 'shared' && second) return <SharedPage token={second} />;
  if (session === undefined) return <Loading label="Loading Chorus…" />;
  if (session === null) return <LoginPage onLoggedIn={accept} />;

  const page = (() => {
    switch (first) {
      case 'journey':
        return <JourneyPage />;
      case 'surveys':
        return second ? <SurveyPage id={second} /> : <SurveysPage />;
      case 'responses':
        return <ResponsesPage query={route.query} />;
      case 'themes':
        return <ThemesPage />;
      case 'alerts':
        return <AlertsPage />;
      case 'accounts':
        return <AccountsPage query={route.query} />;
      case 'digest':
        return <DigestPage query={route.query} />;
      case 'settings':
        return <SettingsPage />;
      default:
        return <OverviewPage query={route.query} />;
    }
  })();
  return (
    <AccessContext.Provider value={{ canEdit: role === 'owner' || role === 'editor', isOwner: role === 'owner' }}>
      <Layout
        session={session}
        current={first}
        workspaceId={workspaceId}
        role={role}
        onWorkspace={pickWorkspace}
        onLogout={async () => {
          await logout.run();
          accept(null);
        }}
      >
        {/* Keyed by workspace so every page refetches when the user switches. */}
        <div key={workspaceId ?? ''}>{page}</div>
      </Layout>
    </AccessContext.Provider>
  );
}
