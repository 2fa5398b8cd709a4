/**
 * `/api/v1/vault…`: the signed-in user's synced vault of remembered pairs, as ciphertext. Read it with
 * its version (ETag), check the version alone (cheap, for polling), and replace it naming the version it
 * replaces (`If-Match`): 412 when another browser wrote first.
 * @module
 */
import { Hono } from 'hono';
import type { OpenAPIV3_1 } from 'openapi-types';
import { SyncedVault, VaultContent, VaultVersion, vaultEtag } from '#shared/vault';
import type { VaultService } from '../../vault/vault-service.ts';
import type { AppEnv } from '../env.ts';
import { jsonInput } from '../middleware/json-input.ts';
import { SYNCED_VAULT_EXAMPLE } from '../openapi/examples.ts';
import { documented } from '../openapi/route-docs.ts';

const IF_MATCH: OpenAPIV3_1.ParameterObject = {
  name: 'If-Match',
  in: 'header',
  required: true,
  description:
    'The ETag of the version this write replaces, as `GET /api/v1/vault` gave it; `"0"` for the first write.',
  schema: { type: 'string' },
  example: '"7"',
};

const CIPHERTEXT_ONLY =
  'Every item is AES-GCM ciphertext made in the browser under a key derived from the passphrase, which never ' +
  'reaches the companion; the companion cannot read or change an item undetected.';

export function vaultRoutes(vault: VaultService) {
  return new Hono<AppEnv>()
    .get(
      '/',
      documented({
        summary: 'Your synced vault',
        description: `The signed-in user's vault of remembered pairs and its version (also the \`ETag\`); version 0 and \`vault: null\` before the first write. ${CIPHERTEXT_ONLY}`,
        tag: 'vault',
        access: 'any',
        ok: { status: 200, description: 'The vault.', schema: SyncedVault, example: SYNCED_VAULT_EXAMPLE },
      }),
      async (c) => {
        const answer: SyncedVault = await vault.read(c.get('user'));
        return c.json(answer, 200, { ETag: vaultEtag(answer.version) });
      },
    )
    .get(
      '/version',
      documented({
        summary: 'Your vault version',
        description:
          "The version of the signed-in user's vault alone (0 before the first write): what the extension polls to learn of a change made elsewhere.",
        tag: 'vault',
        access: 'any',
        ok: { status: 200, description: 'The version.', schema: VaultVersion, example: { version: 8 } },
      }),
      async (c) => {
        const version = await vault.version(c.get('user'));
        return c.json({ version } satisfies VaultVersion, 200, { ETag: vaultEtag(version) });
      },
    )
    .put(
      '/',
      documented({
        summary: 'Replace your synced vault',
        description:
          'Replaces the vault when `If-Match` names its current version, and answers the new version. 412 ' +
          '`vault_changed`: another browser wrote first (the answer carries the current `ETag`); read the vault, merge ' +
          'item by item, and write again. 413 `vault_too_large`: over the per-user limit (256 KiB); nothing changed. ' +
          `The audit records that the vault changed, never what. ${CIPHERTEXT_ONLY}`,
        tag: 'vault',
        access: 'any',
        write: { idempotent: false },
        parameters: [IF_MATCH],
        ok: { status: 200, description: 'The new version.', schema: VaultVersion, example: { version: 8 } },
        errors: ['vault_changed', 'vault_version_required', 'vault_too_large'],
      }),
      jsonInput(VaultContent, 'vault'),
      async (c) => {
        const version = await vault.write(c.get('user'), c.req.header('if-match'), c.req.valid('json'));
        return c.json({ version } satisfies VaultVersion, 200, { ETag: vaultEtag(version) });
      },
    );
}
