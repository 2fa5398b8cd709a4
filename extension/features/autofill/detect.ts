/**
 * Finds the fields to fill: a known target first, completed by the generic classifier, else the
 * generic detector alone. Shown fields win over hidden ones; an ordinary sign-in form is never taken
 * for an S3 form.
 * @module
 */
import { labelText, looksLikeUserName, normalise, score } from './classify-field.ts';
import { isWritable, type Control } from './collect-fields.ts';
import { isShown as defaultIsShown, inScope, scopeOf } from './field-scope.ts';
import { LabelIndex } from './label-index.ts';
import { TARGETS, type Target, type TargetField } from './targets.ts';
import type { FieldKind, Fill } from './types.ts';

/** Fields found on the page, with how to compute each one's value. */
export interface Detection {
  /** The target id, or `generic`. */
  adapter: string;
  fields: Partial<Record<FieldKind, Control>>;
  values: Partial<Record<FieldKind, (fill: Fill) => string>>;
  target?: Target;
  /** A session-token field next to the keys: the form wants temporary (STS) credentials. */
  sessionToken?: Control;
}

/**
 * Why detection found nothing: no S3 fields at all, S3 key fields that are all hidden (another
 * storage type is chosen), or only a sign-in form.
 */
export type NoDetection = { refusal: 'no-fields' | 'hidden' | 'login-form' };

export interface DetectOptions {
  /** Default: rendered in the layout (field-scope.ts); component tests without layout pass their own. */
  isShown?: (control: Control) => boolean;
}

/** Detects the S3 form among `controls` (see `collectControls`). */
export function detect(
  controls: Control[],
  { isShown = defaultIsShown }: DetectOptions = {},
): Detection | NoDetection {
  const labels = new LabelIndex();
  const complete = (found: Detection) =>
    withPort(withSessionToken(found, controls, isShown, labels), controls, isShown, labels);
  for (const target of TARGETS) {
    const found = matchTarget(target, controls, isShown);
    if (found) return complete(addGenericFields(found, controls, isShown, labels));
  }
  const found = detectGeneric(controls, isShown, labels);
  return 'refusal' in found ? found : complete(found);
}

function matchTarget(
  target: Target,
  controls: Control[],
  isShown: (c: Control) => boolean,
): Detection | null {
  // The first shown match, else the first match.
  const find = (selector: string) => {
    let first: Control | undefined;
    for (const control of controls) {
      if (!control.matches(selector)) continue;
      if (isShown(control)) return control;
      first ??= control;
    }
    return first;
  };
  // The key fields first: most targets stop there, after one pass over a big page.
  const accessKey = find(target.fields.accessKey.selector);
  const secret = accessKey && find(target.fields.secret.selector);
  if (!accessKey || !secret) return null;
  const fields: Detection['fields'] = { accessKey, secret };
  const values: Detection['values'] = {};
  for (const [kind, field] of Object.entries(target.fields) as Array<[FieldKind, TargetField]>) {
    const control = fields[kind] ?? find(field.selector);
    if (control) fields[kind] = control;
    if (field.value) values[kind] = field.value;
  }
  return { adapter: target.id, fields, values, target };
}

/**
 * Adds the kinds a target did not find (a MinIO look-alike that also asks for the endpoint), from
 * the key fields' own form or dialog, on the field's own evidence only (name, id, autocomplete,
 * bound label): help text that mentions a word does not make a field of that kind.
 */
function addGenericFields(
  found: Detection,
  controls: Control[],
  isShown: (c: Control) => boolean,
  labels: LabelIndex,
): Detection {
  const scope = scopeOf(found.fields.accessKey!);
  const taken = new Set(Object.values(found.fields));
  const best = new Best(isShown);
  for (const control of controls) {
    if (taken.has(control) || !inScope(control, scope)) continue;
    const scored = score(control, { strongOnly: true, labels });
    if (!scored || found.fields[scored.kind] || !isWritable(control)) continue;
    best.offer(scored.kind, control, scored.score);
  }
  return { ...found, fields: { ...best.fields, ...found.fields } };
}

/**
 * Groups scored controls by form or dialog and takes the first group with both an access key and a
 * secret field, shown ones first.
 */
function detectGeneric(
  controls: Control[],
  isShown: (c: Control) => boolean,
  labels: LabelIndex,
): Detection | NoDetection {
  const groups = new Map<Node, Best>();
  for (const control of controls) {
    // Most controls of a big page say nothing S3: the cheaper test first.
    const scored = score(control, { labels });
    if (!scored || !isWritable(control)) continue;
    const scope = scopeOf(control);
    const best = groups.get(scope) ?? new Best(isShown);
    best.offer(scored.kind, control, scored.score);
    groups.set(scope, best);
  }
  let hidden = false;
  for (const { fields } of groups.values()) {
    if (!fields.accessKey || !fields.secret) continue;
    if (isShown(fields.accessKey) && isShown(fields.secret))
      return { adapter: 'generic', fields, values: {} };
    hidden = true;
  }
  if (hidden) return { refusal: 'hidden' };
  return { refusal: hasLoginForm(controls, isShown, labels) ? 'login-form' : 'no-fields' };
}

/** The best control of each kind in one group: a shown one over a hidden one, then the higher score. */
class Best {
  readonly fields: Detection['fields'] = {};
  private readonly scores: Partial<Record<FieldKind, number>> = {};
  constructor(private readonly isShown: (c: Control) => boolean) {}

  offer(kind: FieldKind, control: Control, score: number): void {
    const current = this.fields[kind];
    if (current) {
      const [shownNow, shownNew] = [this.isShown(current), this.isShown(control)];
      if (shownNow && !shownNew) return;
      if (shownNow === shownNew && score <= this.scores[kind]!) return;
    }
    this.fields[kind] = control;
    this.scores[kind] = score;
  }
}

/** A sign-in form: a shown password field and a user-name field, and little else to type in. */
function hasLoginForm(controls: Control[], isShown: (c: Control) => boolean, labels: LabelIndex): boolean {
  const typed = controls.filter(
    (c) =>
      c.localName === 'input' && isWritable(c) && (c as HTMLInputElement).type !== 'search' && isShown(c),
  );
  for (const password of typed) {
    if ((password as HTMLInputElement).type !== 'password') continue;
    const scope = scopeOf(password);
    const together = typed.filter((c) => scopeOf(c) === scope);
    // User name, password and perhaps a one-time code: more than that is some other form.
    if (together.length <= 3 && together.some((c) => c !== password && looksLikeUserName(c, labels)))
      return true;
  }
  return false;
}

/** Words of a session-token field, normalised; `sts` only as a whole name (MinIO's `#sts[name=STS]`). */
const SESSION_TOKEN_WORDS = ['sessiontoken', 'securitytoken', 'ststoken'];

function withSessionToken(
  found: Detection,
  controls: Control[],
  isShown: (c: Control) => boolean,
  labels: LabelIndex,
): Detection {
  const scope = scopeOf(found.fields.accessKey!);
  const sessionToken = controls.find((c) => {
    if (c.localName !== 'input' || !inScope(c, scope)) return false;
    const names = [
      normalise(c.id),
      normalise(c.getAttribute('name')),
      normalise(c.getAttribute('aria-label')),
    ];
    const named =
      names.some((n) => n === 'sts' || SESSION_TOKEN_WORDS.some((w) => n.includes(w))) ||
      SESSION_TOKEN_WORDS.some((w) => labelText(c, labels).includes(w));
    return named && isWritable(c) && isShown(c);
  });
  return sessionToken ? { ...found, sessionToken } : found;
}

/** A port field's own name (id, name, aria-label or bound label, normalised): `port`, `serverPort`, `Port number`… */
const PORT_NAME = /^(s3|server|endpoint|host|service)?port(number)?$/;

/**
 * A port field beside the endpoint field, in its form or dialog and named a port by itself (never by
 * a hint): the endpoint's port goes there, and the endpoint field gets the host alone.
 */
function withPort(
  found: Detection,
  controls: Control[],
  isShown: (c: Control) => boolean,
  labels: LabelIndex,
): Detection {
  const endpoint = found.fields.endpoint;
  if (!endpoint || found.fields.port) return found;
  const scope = scopeOf(endpoint);
  const port = controls.find(
    (c) =>
      c !== endpoint &&
      c.localName === 'input' &&
      inScope(c, scope) &&
      [
        normalise(c.id),
        normalise(c.getAttribute('name')),
        normalise(c.getAttribute('aria-label')),
        labelText(c, labels),
      ].some((name) => PORT_NAME.test(name)) &&
      isWritable(c) &&
      isShown(c),
  );
  return port ? { ...found, fields: { ...found.fields, port } } : found;
}
