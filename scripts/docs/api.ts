/**
 * `npm run docs:api`: writes docs/openapi.json and docs/api.md from the companion's own routes. A test
 * fails when the committed files are stale.
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiDocuments } from './api-documents.ts';

const DOCS = join(import.meta.dirname, '..', '..', 'docs');
for (const [name, text] of Object.entries(await apiDocuments())) {
  await writeFile(join(DOCS, name), text);
  console.log(`wrote docs/${name}`);
}
