import { z } from 'zod';

const surveyRef = z.object({ id: z.string(), name: z.string() });

/** One reason a survey would not show as intended once active (GET /api/v1/surveys/{id}/checks). */
export const activationCheck = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('outranked'),
      message: z.string(),
      event: z.string().nullable().describe('The trigger event this is about; null for page load (or every trigger)'),
      surveys: z.array(surveyRef).describe('The active surveys that always show first'),
    }),
    z.object({ kind: z.literal('origin_not_allowed'), message: z.string(), origin: z.string().nullable().describe('The origin named by a URL rule; null when the workspace allows none') }),
    z.object({ kind: z.literal('event_never_seen'), message: z.string(), event: z.string(), seenEvents: z.array(z.string()).describe('Event names the widget did report, most recent first') }),
  ])
  .meta({
    id: 'ActivationCheck',
    example: { kind: 'outranked', message: '“Checkout survey” always shows first …', event: null, surveys: [{ id: 'sv_checkout', name: 'Checkout survey' }] },
  });
export type ActivationCheck = z.infer<typeof activationCheck>;

/** The install check: an origin the widget loaded on. */
export const widgetLoad = z
  .object({ origin: z.string(), firstSeen: z.string(), lastSeen: z.string().describe('Exact to the hour: each server process records an origin at most once an hour') })
  .meta({ id: 'WidgetLoad', example: { origin: 'https://shop.example', firstSeen: '2026-11-30T09:00:00.000Z', lastSeen: '2026-12-01T14:00:00.000Z' } });
