/**
 * `/api/v1/account…`: the signed-in user's account and its settings, shared by every member. Any user
 * reads them; only admins change the rotation reminder (a refusal is audited like a refused key write).
 * @module
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { AccountSettings, ROTATION_REMINDER_MAX_DAYS } from '#shared/api';
import { auditRecord } from '../../keys/audit.ts';
import type { KeyService } from '../../keys/key-service.ts';
import type { Account } from '../../storage/data.ts';
import type { RegistryStorage } from '../../storage/registry-storage.ts';
import type { AppEnv } from '../env.ts';
import { jsonInput } from '../middleware/json-input.ts';
import { requireRole } from '../middleware/require-role.ts';
import { ACCOUNT_SETTINGS_EXAMPLE } from '../openapi/examples.ts';
import { documented } from '../openapi/route-docs.ts';

/**
 * The body of `PUT /api/v1/account/rotation-reminder`: `days` from 1 to 3650, or null for off. Here, not in
 * the shared contract: the extension only needs its type (through the typed client), and the integer
 * schema would add to the popup's bundle.
 */
const RotationReminderRequest = z.strictObject({
  days: z.int().min(1).max(ROTATION_REMINDER_MAX_DAYS).nullable(),
});

const settingsOf = ({ id, name, rotationReminderDays }: Account): AccountSettings => ({
  id,
  name,
  rotationReminderDays,
});

export function accountRoutes(storage: RegistryStorage, keys: Pick<KeyService, 'recordRefusal'>) {
  const action = 'account.rotation-reminder';
  return new Hono<AppEnv>()
    .get(
      '/',
      documented({
        summary: 'Your account',
        description:
          "The signed-in user's account and the settings every member shares: the rotation reminder, in days " +
          '(null: off).',
        tag: 'account',
        access: 'any',
        ok: {
          status: 200,
          description: 'The account.',
          schema: AccountSettings,
          example: ACCOUNT_SETTINGS_EXAMPLE,
        },
      }),
      async (c) => c.json(settingsOf((await storage.account(c.get('user').accountId))!)),
    )
    .put(
      '/rotation-reminder',
      documented({
        summary: 'Set the rotation reminder',
        description:
          "Sets after how many days (1–3650) every member's cards and toolbar badge ask for a key's reset; " +
          '`null` turns the reminder off. Answers the account with the new value. Audited.',
        tag: 'account',
        access: ['admin'],
        write: { idempotent: false },
        ok: {
          status: 200,
          description: 'The account, with the new reminder.',
          schema: AccountSettings,
          example: ACCOUNT_SETTINGS_EXAMPLE,
        },
      }),
      requireRole({
        roles: ['admin'],
        message: "The rotation reminder is the account's setting: only an admin can change it.",
        onRefused: (c) => keys.recordRefusal(c.get('user'), action, null, 'forbidden'),
      }),
      jsonInput(RotationReminderRequest, 'rotation reminder'),
      async (c) => {
        const user = c.get('user');
        const { days } = c.req.valid('json');
        await storage.setRotationReminder(user.accountId, days);
        await storage.appendAudit([
          auditRecord(
            { accountId: user.accountId, actor: user.id, action, outcome: 'success' },
            new Date().toISOString(),
          ),
        ]);
        return c.json(settingsOf((await storage.account(user.accountId))!));
      },
    );
}
