import { Hono } from 'hono';
import { serve } from '@hono/node-server';

// The baseline for ingestion: a bare Hono app on the same Node adapter that parses the
// JSON body and echoes it, with no validation and no database.
const app = new Hono().post('/echo', async (c) => c.json(await c.req.json()));
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () => console.log('ready'));
