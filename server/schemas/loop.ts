import { z } from 'zod';
import { loopEventKinds, loopResolutions } from '../../db/schema';
import { freeText } from '../contracts/text';
import { loopStatus, scoreBands } from './response';

const iso = z.string().describe('ISO 8601 timestamp');

/** The body of `PATCH /api/v1/responses/{id}/loop`. */
export const loopPatch = z
  .strictObject({
    status: loopStatus.optional(),
    /** A member's user id (`GET /api/v1/members`); null unassigns. */
    assignee: z.string().trim().min(1).max(200).nullable().optional(),
    resolution: z
      .strictObject({ reason: z.enum(loopResolutions), note: freeText(2000).trim().min(1).optional() })
      .refine((r) => r.reason !== 'other' || r.note !== undefined, { message: 'reason "other" needs a note', path: ['note'] })
      .optional()
      .describe('Why the loop is closed; only with `status: "closed"`'),
  })
  .refine((p) => p.status !== undefined || p.assignee !== undefined, 'give a status or an assignee')
  .refine((p) => p.resolution === undefined || p.status === 'closed', { message: 'a resolution goes with status "closed"', path: ['resolution'] });

export const replyInput = z.strictObject({ subject: freeText(200).trim().min(1), text: freeText(20000).trim().min(1) });

export const loopEvent = z
  .object({
    id: z.string(),
    kind: z.enum(loopEventKinds),
    actor: z.string().describe('The user\'s email, or "API key <id>"'),
    status: loopStatus.nullable().describe('`status`: the new status'),
    assignee: z.string().nullable().describe('`assigned`: the user id assigned, null when unassigned'),
    resolution: z.enum(loopResolutions).nullable(),
    text: z.string().nullable().describe("The resolution note, the note's or the reply's text"),
    to: z.string().nullable().describe('`reply`: the address it was sent to'),
    subject: z.string().nullable(),
    createdAt: iso,
  })
  .meta({ id: 'LoopEvent' });

export const replyOption = z
  .object({ available: z.boolean(), to: z.string().nullable(), reason: z.string().nullable().describe('Why replying is not possible, when it is not') })
  .meta({ id: 'ReplyOption' });

const n = z.number().int();
export const responseCounts = z
  .object({
    total: n.describe('Responses matching every filter'),
    facets: z
      .object({
        hasComment: z.object({ true: n, false: n }),
        scoreBand: z.object(Object.fromEntries(scoreBands.map((b) => [b, n])) as Record<(typeof scoreBands)[number], typeof n>),
        sentiment: z.object({ negative: n, neutral: n, positive: n }),
        loopStatus: z.object({ open: n, in_progress: n, closed: n }),
        assignee: z.array(z.object({ assignee: z.string().describe('A user id, or `none`'), count: n })).describe('Most first'),
      })
      .describe("Each facet's values counted under all the other filters (not the facet's own), i.e. what choosing that value would give"),
  })
  .meta({ id: 'ResponseCounts' });
