import { CopyButton } from '../components/copy-button';
import { href } from '../router';
import { InstallCheck } from '../components/install-check';

/** The embed snippet and the hosted link-survey URL, each with a copy button. */
export function Share({ surveyId, publicKey }: { surveyId: string; publicKey: string | null }) {
  const origin = location.origin;
  const snippet = `<script async src="${origin}/widget.js" data-key="${publicKey ?? 'pk_…'}"></script>`;
  const link = `${origin}/s/${surveyId}`;
  const preview = `${link}?preview=1`;
  return (
    <div class="share">
      <div>
        <h3>Embed snippet</h3>
        <p class="muted">Once per page, in the &lt;head&gt;. Targeting decides which survey shows where.</p>
        <p class="muted">
          The site must be listed under <a href={href('settings')}>Settings → Allowed origins</a> (e.g. <code>https://www.example.com</code>); elsewhere the widget stays silent and logs why in the browser console.
        </p>
        <pre>
          <code>{snippet}</code>
        </pre>
        <CopyButton text={snippet} label="Copy snippet" />
        <InstallCheck />
      </div>
      <div>
        <h3>Link survey</h3>
        <p class="muted">For emails; add ?score=9 to pre-fill the first score.</p>
        <pre>
          <code>{link}</code>
        </pre>
        <CopyButton text={link} label="Copy link" />
        <p class="muted">
          Test mode: the same survey with a “Preview” banner; nothing answered there is recorded (add <code>&amp;score=3</code> to try a score).
        </p>
        <p>
          <a href={preview} target="_blank" rel="noopener" class="preview-link">
            Open test preview
          </a>{' '}
          <CopyButton text={preview} label="Copy test link" />
        </p>
      </div>
    </div>
  );
}
