import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// What the widget benchmark loads in Chromium: one host page on http://localhost that embeds
// a script from another origin (the Chorus widget from the API server, or the Preact hello
// from a static server on 127.0.0.1) and records when the embed first reached the screen, so
// both are measured by the same page with the same clock.

/** The documented queue stub, an identified respondent (URL targeting and recontact rules apply), and the clock. */
const stub = `
window.chorus=window.chorus||function(){(chorus.q=chorus.q||[]).push(arguments)};
var rid = new URLSearchParams(location.search).get('rid');
if (rid) chorus('identify', rid, { plan: 'pro' });
new MutationObserver(function (_, o) {
  if (!document.querySelector('chorus-widget, hello-widget')) return;
  o.disconnect();
  // Both embeds render synchronously after inserting their element: the next frame shows it.
  requestAnimationFrame(function () { document.documentElement.setAttribute('data-visible-at', String(performance.now())); });
}).observe(document, { childList: true, subtree: true });
`;

const listen = async (server: Server, host: string): Promise<number> => {
  await new Promise<void>((ok) => server.listen(0, host, ok));
  return (server.address() as AddressInfo).port;
};
const close = (server: Server) => new Promise<void>((ok) => server.close(() => ok()));

export type Embed = 'chorus' | 'hello';

export interface WidgetHost {
  /** The host page at `path` embedding one of the two scripts; `rid` identifies a new respondent. */
  url(path: string, embed: Embed, rid: string): string;
  close(): Promise<void>;
}

/**
 * Starts the page server, and a static server on 127.0.0.1 (another origin than the page, as
 * the API is) for the hello bundle, with the cache header the API gives widget.js.
 */
export async function widgetHost(chorusSrc: string, hello: string): Promise<WidgetHost> {
  const assets = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=300' }).end(hello);
  });
  const assetPort = await listen(assets, '127.0.0.1');
  const embeds: Record<Embed, string> = {
    chorus: `<script async src="${chorusSrc}" data-key="pk_demo"></script>`,
    hello: `<script async src="http://127.0.0.1:${assetPort}/hello.js"></script>`,
  };
  const site = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/stub.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(stub);
    if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
    const embed = embeds[url.searchParams.get('embed') as Embed];
    if (!embed) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head><meta name="viewport" content="width=device-width,initial-scale=1"><title>Host</title><script src="/stub.js"></script>
${embed}</head>
<body><h1>Host page</h1><p>Some content the widget must not move.</p></body></html>`);
  });
  const sitePort = await listen(site, 'localhost');
  return {
    url: (path, embed, rid) => `http://localhost:${sitePort}${path}?embed=${embed}&rid=${encodeURIComponent(rid)}`,
    close: async () => {
      await Promise.all([close(site), close(assets)]);
    },
  };
}
