/**
 * The `none` backend: a registry-only region. Keys are recorded but provisioned nowhere, and the
 * status says so.
 * @module
 */
import type { S3Backend } from './s3-backend.ts';

export const REGISTRY_ONLY_DETAIL =
  'Registry-only region: no S3 backend is configured, so keys are recorded but not provisioned on any S3 service.';

export function createNoneBackend(): S3Backend {
  return {
    async ensureUser() {},
    async addKey() {},
    async removeKey() {},
    async listKeys() {
      return [];
    },
    async listAccountIds() {
      return [];
    },
    async check() {
      return { endpointReachable: false, latencyMs: null, keyVerified: null, detail: REGISTRY_ONLY_DETAIL };
    },
    async lastUsed() {
      return { known: false, detail: 'Registry-only region: no S3 service records when keys are used.' };
    },
  };
}
