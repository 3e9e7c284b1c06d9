// `npm run --silent analyze` — one comment per stdin line in, one JSON object per line out, in
// order. The lines are one corpus: themes are discovered across all of them, then assigned.
// Nothing but the JSON lines goes to stdout.
import { analyzeSentiment, discoverThemes, assignThemes } from '../server/analysis/index.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const input = await readStdin();
  const lines = input.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (input.endsWith('\n')) lines.pop(); // the newline ends the last line; it does not start another
  if (input === '') lines.length = 0;
  const themes = discoverThemes(lines);
  const out: string[] = [];
  for (const line of lines) {
    const sentiment = analyzeSentiment(line);
    const matched = assignThemes(line, themes).map(({ label, keywords }) => ({ label, keywords }));
    out.push(JSON.stringify({ sentiment, themes: matched }));
  }
  // One write per ~1 MB keeps large corpora fast without holding two copies of everything.
  for (let i = 0; i < out.length; i += 5000) process.stdout.write(`${out.slice(i, i + 5000).join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`analyze: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
