import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { documentedRouter } from '../openapi/router';
import { documentHeaders } from '../static-headers';

// The strict policy of the other documents (server/static-headers.ts): Swagger UI sets styles
// through the CSSOM, which CSP allows, and draws icons as data: images; "Try it out" can only
// call this origin.

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Chorus API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
<script defer src="/api/docs/swagger-ui-bundle.js"></script>
<script defer src="/api/docs/init.js"></script>
</head>
<body>
<div id="api-docs"></div>
<noscript>The API reference needs JavaScript; the document itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
</body>
</html>
`;

/**
 * The interactive reference of /api/openapi.json. Its assets are copied from swagger-ui-dist
 * into dist/public/api/docs by the build, and served by the same origin on both runtimes.
 */
export const apiDocsRoutes = documentedRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'This document as an interactive reference (HTML)',
    responses: { 200: { description: 'Swagger UI over /api/openapi.json', content: { 'text/html': { schema: z.string() } } } },
  }),
  (c) => {
    for (const [name, value] of Object.entries(documentHeaders)) c.header(name, value);
    c.header('Cache-Control', 'no-cache');
    return c.html(html);
  },
);
