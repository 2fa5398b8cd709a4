/**
 * Example bodies for the OpenAPI document, typed by the contract so they cannot drift from it.
 * @module
 */
import type {
  AccountSettings,
  AuditLog,
  KeyChanges,
  KeyUsage,
  Me,
  RegionKey,
  RegionList,
  Secret,
  StatusReport,
} from '#shared/api';
import type { SyncedVault } from '#shared/vault';

const KEY = {
  accessKeyId: 'S3K7Q2M4X9B1C8D0E5F3',
  createdAt: '2026-11-27T09:14:03.512Z',
  createdBy: 'usr_3f9a1c2b7d4e',
  lastResetAt: '2026-12-01T16:40:22.031Z',
  lastResetBy: 'usr_8e2d6b0a1f57',
  createdByName: 'Alice',
  lastResetByName: 'Bob',
};

export const ACCOUNT_SETTINGS_EXAMPLE: AccountSettings = {
  id: 'acc_51c0d9e7a2b3',
  name: 'Example Corp',
  rotationReminderDays: 90,
};

export const ME_EXAMPLE: Me = {
  user: { id: 'usr_3f9a1c2b7d4e', name: 'Alice', email: 'alice@example.com', role: 'admin' },
  account: { id: 'acc_51c0d9e7a2b3', name: 'Example Corp' },
  canManageKeys: true,
};

export const REGION_LIST_EXAMPLE: RegionList = {
  regions: [
    {
      id: 'eu-central-1',
      name: 'Frankfurt',
      endpoint: 'https://s3.eu-central-1.example',
      serviceAvailable: true,
      status: 'CONFIGURED',
      key: KEY,
      bucket: null,
    },
    {
      id: 'eu-west-1',
      name: 'Dublin',
      endpoint: 'https://s3.eu-west-1.example',
      serviceAvailable: true,
      status: 'NOT_CONFIGURED',
      key: null,
      bucket: null,
    },
    {
      id: 'us-east-1',
      name: 'Virginia',
      endpoint: 'https://s3.us-east-1.example',
      serviceAvailable: false,
      status: 'SERVICE_UNAVAILABLE',
      key: null,
      bucket: null,
    },
  ],
};

export const REGION_KEY_EXAMPLE: RegionKey = { region: 'eu-central-1', ...KEY };

export const SECRET_EXAMPLE: Secret = {
  region: 'eu-central-1',
  accessKeyId: 'S3K7Q2M4X9B1C8D0E5F3',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  createdAt: '2026-11-27T09:14:03.512Z',
};

export const STATUS_EXAMPLE: StatusReport = {
  regions: [
    {
      id: 'eu-central-1',
      endpointReachable: true,
      latencyMs: 12,
      keyVerified: true,
      checkedAt: '2026-12-02T08:00:00.000Z',
      detail: null,
    },
    {
      id: 'eu-west-1',
      endpointReachable: false,
      latencyMs: null,
      keyVerified: null,
      checkedAt: '2026-12-02T08:00:00.000Z',
      detail: 'No answer within 2500 ms.',
    },
  ],
};

export const AUDIT_EXAMPLE: AuditLog = {
  events: [
    {
      at: '2026-12-01T16:40:22.031Z',
      actor: 'usr_8e2d6b0a1f57',
      action: 'key.reset',
      region: 'eu-central-1',
      accessKeyId: 'S3K7Q2M4X9B1C8D0E5F3',
      outcome: 'success',
      code: null,
      actorName: 'Alice',
    },
    {
      at: '2026-12-01T16:39:50.002Z',
      actor: 'usr_c4b2a0e9d8f1',
      action: 'key.reset',
      region: 'eu-central-1',
      accessKeyId: null,
      outcome: 'refused',
      code: 'forbidden',
      actorName: 'Carol',
    },
  ],
  nextOffset: 2,
};

export const KEY_USAGE_EXAMPLE: KeyUsage = {
  region: 'eu-central-1',
  accessKeyId: 'S3K7Q2M4X9B1C8D0E5F3',
  known: true,
  lastUsedHour: '2026-12-01T15:00:00.000Z',
  checkedAt: '2026-12-01T16:41:07.215Z',
  detail: null,
};

export const KEY_CHANGES_EXAMPLE: KeyChanges = { version: 'Xq3v9mH2c0aLkP4tR8wYzA' };

/** A vault of one item; every value is ciphertext or a nonce made in the browser. */
export const SYNCED_VAULT_EXAMPLE: SyncedVault = {
  version: 8,
  vault: {
    kdf: { algorithm: 'PBKDF2-SHA-256', salt: 'q8n0Yl3c2eXc9cX1b6mD8w==', iterations: 600_000 },
    epoch: 0,
    check: { iv: 'Vd1kq3mN0pQ2r8sT', ciphertext: 'm3Jx0tq6Pz2YwQ9lK1vR7c4Hn8bA5sDe' },
    items: [
      {
        id: 'Xb9v2Qm7Lk3Tz8Wp',
        version: 1,
        iv: 'Pq7zT2vW9xY1kL3m',
        ciphertext: 'tV4n8Qm2Xz7Lp1Kc9Wb3Rj6Hs0Yd5Ga2Fe8Nu4Mi7Ok1Jq3Ct6Bv9Dw2Ez5Ax8Sy0Pg==',
      },
    ],
  },
};
