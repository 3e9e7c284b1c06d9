import { useState } from 'preact/hooks';

/** Copies `text`; says so for two seconds (and to screen readers). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [done, setDone] = useState<'ok' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone('ok');
    } catch {
      setDone('failed'); // e.g. an insecure origin: the text is selectable beside the button
    }
    setTimeout(() => setDone(null), 2000);
  };
  return (
    <button type="button" class="secondary" onClick={copy} aria-live="polite">
      {done === 'ok' ? 'Copied' : done === 'failed' ? 'Select and copy' : label}
    </button>
  );
}
