import { Hono } from 'hono';

// The baseline on workerd: the same bare Hono JSON echo as echo-server.ts, as a Worker with no
// bindings. Run under `wrangler dev` it shows what the local dev proxy alone allows, and its
// bundle is the floor for the worker's size and start-up time.
export default new Hono().post('/echo', async (c) => c.json(await c.req.json()));
