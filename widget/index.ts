import { createChorus } from './loader';
import type { Chorus, Mount } from './types';

export type { Chorus, ChorusCommand, ClientSurvey } from './types';

/**
 * The widget for apps that bundle their own JavaScript: the same runtime as /widget.js,
 * with the survey UI split into a chunk your bundler loads only when a survey is due.
 * Returns the command function; it does not touch `window`.
 *
 * @example
 * import { init } from 'chorus/widget';
 * const chorus = init({ key: 'pk_live_…', host: 'https://chorus.example.com' });
 * chorus('identify', user.id, { plan: 'pro' });
 * chorus('track', 'checkout_completed');
 */
export function init(options: { key: string; host: string; debug?: boolean }): Chorus {
  const loadUi = (): Promise<Mount> => import('./ui/mount').then((m) => m.mount);
  return createChorus({ ...options, loadUi });
}
