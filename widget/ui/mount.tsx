import { render } from 'preact';
import type { MountOptions } from '../types';
import { Survey } from './app';
import { adoptStyles } from './styles';

/**
 * Renders a survey in its own shadow root on a custom element (so tag selectors such as
 * `div { display: none }` in the host page never match it), then cleans up and, if focus was
 * in the survey, gives it back to where it was before.
 */
export function mount(o: MountOptions): void {
  const show = () => {
    const previous = document.activeElement as HTMLElement | null;
    const host = document.createElement('chorus-widget');
    if (o.inline) host.setAttribute('inline', '');
    const root = host.attachShadow({ mode: 'open' });
    adoptStyles(root);
    const close = () => {
      const focused = document.activeElement === host;
      render(null, root);
      host.remove();
      // Closing a survey the person never entered must not pull focus from where they are now.
      if (focused) previous?.focus?.({ preventScroll: true });
      o.onClose();
    };
    (o.inline ?? document.body).appendChild(host);
    render(<Survey o={o} close={close} />, root);
  };
  if (document.body) show();
  else addEventListener('DOMContentLoaded', show);
}
