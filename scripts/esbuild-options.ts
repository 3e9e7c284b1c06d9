import type { BuildOptions } from 'esbuild';

/** What every browser bundle shares (widget, admin), and what the widget benchmark's hello is built with. */
export const browserBundle: BuildOptions = {
  bundle: true,
  minify: true,
  write: false,
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
};
