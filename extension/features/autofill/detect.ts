/**
 * Finds the fields to fill: a known target first, then the generic detector. An ordinary
 * username/password form is never taken for an S3 form.
 * @module
 */
import { classify, looksLikeLogin } from './classify-field.ts';
import { isWritable, type Control } from './collect-fields.ts';
import { TARGETS, type Target, type TargetField } from './targets.ts';
import type { FieldKind, Fill } from './types.ts';

/** Fields found on the page, with how to compute each one's value. */
export interface Detection {
  /** The target id, or `generic`. */
  adapter: string;
  fields: Partial<Record<FieldKind, Control>>;
  values: Partial<Record<FieldKind, (fill: Fill) => string>>;
  target?: Target;
}

/** Why detection found nothing: no S3 fields at all, or only a sign-in form. */
export type NoDetection = { refusal: 'no-fields' | 'login-form' };

/** Detects the S3 form among `controls` (see `collectControls`). */
export function detect(controls: Control[]): Detection | NoDetection {
  for (const target of TARGETS) {
    const found = matchTarget(target, controls);
    if (found) return found;
  }
  return detectGeneric(controls);
}

function matchTarget(target: Target, controls: Control[]): Detection | null {
  const find = (selector: string) => controls.find((c) => c.matches(selector));
  // The key fields first: most targets stop there, after one pass over a big page.
  const accessKey = find(target.fields.accessKey.selector);
  const secret = accessKey && find(target.fields.secret.selector);
  if (!accessKey || !secret) return null;
  const fields: Detection['fields'] = { accessKey, secret };
  const values: Detection['values'] = {};
  for (const [kind, field] of Object.entries(target.fields) as Array<[FieldKind, TargetField]>) {
    fields[kind] ??= find(field.selector);
    if (field.value) values[kind] = field.value;
  }
  return { adapter: target.id, fields, values, target };
}

/**
 * Groups classified controls by form (or by tree when there is no form) and takes the first group
 * with both an access key and a secret field.
 */
function detectGeneric(controls: Control[]): Detection | NoDetection {
  const groups = new Map<Node, Detection['fields']>();
  let login = false;
  for (const control of controls) {
    if (!isWritable(control)) continue;
    const kind = classify(control);
    if (!kind) {
      login ||= looksLikeLogin(control);
      continue;
    }
    const scope = control.form ?? control.getRootNode();
    const fields = groups.get(scope) ?? {};
    fields[kind] ??= control;
    groups.set(scope, fields);
  }
  for (const fields of groups.values()) {
    if (fields.accessKey && fields.secret) return { adapter: 'generic', fields, values: {} };
  }
  return { refusal: login ? 'login-form' : 'no-fields' };
}
