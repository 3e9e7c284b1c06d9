import { useWidgetLoads } from '../hooks/use-activation';
import { ago } from '../lib/ago';
import { Show } from './states';

/** The install check: where the widget last loaded ("last seen on https://shop.example 3 min. ago"). */
export function InstallCheck() {
  const loads = useWidgetLoads();
  return (
    <div class="install-check" aria-labelledby="install-check">
      <h3 id="install-check">Install check</h3>
      <Show q={loads} label="Checking where the widget loaded…">
        {(l) =>
          l.data.length === 0 ? (
            <p class="muted">The widget has not loaded on any site in the last 90 days: paste the snippet into your pages, on an allowed origin.</p>
          ) : (
            <ul class="install-list">
              {l.data.map((o) => (
                <li key={o.origin}>
                  Last seen on <code>{o.origin}</code> <time dateTime={o.lastSeen} title={new Date(o.lastSeen).toLocaleString()}>{ago(o.lastSeen)}</time>
                </li>
              ))}
            </ul>
          )
        }
      </Show>
      <p class="muted small">Recorded when the widget fetches its surveys, at most once an hour per site.</p>
    </div>
  );
}
