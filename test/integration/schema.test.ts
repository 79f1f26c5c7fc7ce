import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { schemaSdl } from '../../src/infra/graphql/schema-sdl.js';
import { REPO_ROOT } from '../support/paths.js';

describe('schema.graphql', () => {
  it('is what the code generates (run `npm run schema` after changing the API)', async () => {
    const committed = await readFile(join(REPO_ROOT, 'schema.graphql'), 'utf8');
    expect(committed).toBe(await schemaSdl());
  });
});
