import { z } from 'zod';
import { metricsQuery } from './metrics';

/** `?week=YYYY-MM-DD`: any day of the ISO week wanted (local); default the last complete week. */
export const digestQuery = z.strictObject({ week: metricsQuery.shape.from });

export const digestSubscriptionInput = z.strictObject({ subscribed: z.boolean() });
