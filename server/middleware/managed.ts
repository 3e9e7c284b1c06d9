import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { limitBody } from './body-limit';
import { apiKeyAuth } from './api-key';
import { requireJson } from '../validate';

/**
 * A management sub-app: every route in it needs an API key, and its writes must be JSON
 * under 1 MiB. Built per resource so the middleware can never leak onto public routes.
 */
export const managed = () => new Hono<AppEnv>().use(limitBody(1024 * 1024), requireJson, apiKeyAuth);
