// Types shared by the loader and the survey UI. Type-only imports from the server, so the
// API's shapes are written once and nothing server-side is ever bundled into the widget.
import type { ClientSurvey } from '../server/queries/surveys';
import type { Answers, Question } from '../server/contracts/survey-config';

export type { Answers, ClientSurvey, Question };

/** What `GET /api/v1/client/:publicKey/surveys` returns. */
export interface ClientConfig {
  workspace: { recontactDays: number };
  surveys: ClientSurvey[];
  /** For an identified respondent emailed a survey within the contact budget: ask nothing before then (ms). */
  quietUntil?: number | null;
}

/** What the loader hands the lazily loaded UI when a survey is due. */
export interface MountOptions {
  survey: ClientSurvey;
  /** Queues a submission under this showing's response id; never throws. */
  send: (answers: Answers, complete: boolean, locale: string) => void;
  /** Called once the widget has been removed. */
  onClose: () => void;
  /** Link surveys: a score to pre-fill and submit for the first score question. */
  score?: number | undefined;
  /** Link surveys: render inside this element instead of floating over the page. */
  inline?: Element | null | undefined;
  /**
   * Opened by the page's targeting, not by the person: it announces itself (polite live
   * region) and takes focus only once they move into it, so it never steals a keystroke
   * from what they are typing in.
   */
  unsolicited?: boolean | undefined;
  /** Test mode: a banner says that nothing is recorded (the loader's `send` sends nothing). */
  preview?: boolean | undefined;
  /**
   * Embedded in another app's page (the admin's live preview): never takes focus by itself,
   * not even on a re-render; focus follows the steps only once the person is in the survey.
   */
  passive?: boolean | undefined;
}
export type Mount = (options: MountOptions) => void;

/** `window.chorus(command, ...args)`; see docs/WIDGET.md. */
export type ChorusCommand =
  | ['identify', string, Record<string, unknown>?]
  | ['track', string]
  | ['show', string]
  | ['reset']
  | ['debug', boolean?];
export type Chorus = (...command: ChorusCommand) => void;
