import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The interactive API reference at /api/docs is Swagger UI, served from our own origin on
// both runtimes (Node's static files, Workers Assets): no CDN, so it works offline and where
// customers block third-party scripts. The HTML page itself comes from the app
// (server/routes/api-docs.ts); this copies the library beside it.
const require = createRequire(import.meta.url);

/** Copies Swagger UI and its start-up script into `dir` (dist/public/api/docs); returns the version. */
export function buildApiDocs(dir: string): string {
  const pkg = dirname(require.resolve('swagger-ui-dist/package.json'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE', 'NOTICE']) copyFileSync(join(pkg, file), join(dir, file));
  // A file, not an inline script, so the page runs under a CSP without 'unsafe-inline'.
  // validatorUrl: null keeps Swagger UI from sending the document to its public validator.
  writeFileSync(
    join(dir, 'init.js'),
    `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#api-docs',
    deepLinking: true,
    // 124 operations: the tags open as a table of contents, one section at a time.
    docExpansion: 'none',
    validatorUrl: null,
    persistAuthorization: false,
    tryItOutEnabled: false,
    displayRequestDuration: true,
  });
});
`,
  );
  return (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
}
