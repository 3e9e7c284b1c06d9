import type { ComponentChildren } from 'preact';
import type { ApiFailure } from '../api';
import type { Query } from '../hooks/query';

export const Loading = ({ label = 'Loading…' }: { label?: string }) => (
  <p class="state loading" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true" />
    {label}
  </p>
);

export const Empty = ({ children }: { children: ComponentChildren }) => <p class="state empty">{children}</p>;

/** An API error as a sentence; a 403 says plainly that the role does not allow it. */
export function ErrorNote({ error, onRetry }: { error: ApiFailure | null; onRetry?: () => void }) {
  if (!error) return null;
  const text = error.forbidden ? `You do not have permission to do this. ${error.message}.` : error.message;
  const details = Array.isArray(error.details) ? (error.details as { path?: unknown; message?: unknown }[]) : [];
  return (
    <div class="state error" role="alert">
      <strong>{error.forbidden ? 'Not allowed' : 'Something went wrong'}</strong> {text}
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={i}>
              {Array.isArray(d.path) ? `${d.path.join('.')}: ` : ''}
              {String(d.message ?? '')}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" class="link" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Renders a query's loading / error states, then the children with its data. */
export function Show<T>({ q, children, label }: { q: Query<T>; children: (data: T) => ComponentChildren; label?: string }) {
  if (q.data === undefined && q.error) return <ErrorNote error={q.error} onRetry={q.reload} />;
  if (q.data === undefined) return <Loading {...(label ? { label } : {})} />;
  return (
    <>
      {q.error && <ErrorNote error={q.error} onRetry={q.reload} />}
      {children(q.data)}
    </>
  );
}
