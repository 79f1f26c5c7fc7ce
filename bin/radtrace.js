#!/usr/bin/env node
// Entry point of the `radtrace` command: runs the compiled CLI (dist/, from `npm run build`) when it
// exists and is not older than the sources, else the TypeScript sources through tsx — so a build
// left behind never hides later source changes.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'src', 'cli.js');
const sources = join(root, 'src');

function newestSourceTime() {
  if (!existsSync(sources)) return 0; // a production image ships dist/ only
  let newest = 0;
  for (const name of readdirSync(sources, { recursive: true })) {
    if (String(name).endsWith('.ts')) newest = Math.max(newest, statSync(join(sources, String(name))).mtimeMs);
  }
  return newest;
}

if (existsSync(built) && statSync(built).mtimeMs >= newestSourceTime()) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli.ts')).href);
}
