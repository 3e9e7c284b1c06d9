import { mkdirSync } from 'node:fs';

// Static files served by both runtimes (widget, admin) are built into dist/public.
mkdirSync('dist/public', { recursive: true });
