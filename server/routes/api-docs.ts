import { Hono } from 'hono';
import type { AppEnv } from '../env';

// The same strict policy as the other pages (Swagger UI sets styles through the CSSOM, which
// CSP allows, and draws icons as data: images); "Try it out" can only call this origin.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

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
export const apiDocsRoutes = new Hono<AppEnv>().get('/', (c) => {
  c.header('Content-Security-Policy', CSP);
  c.header('Cache-Control', 'no-cache');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(html);
});
