/**
 * The generic detector's field scorer: reads what a control says about itself (id, name,
 * placeholder, aria-label, title, autocomplete, label text) and matches it against the S3
 * vocabularies. Matching is on normalised text: lower case, letters and digits only.
 * @module
 */
import type { Control } from './collect-fields.ts';
import type { FieldKind } from './types.ts';

/** Words that name each kind, normalised. Order breaks ties: a "secret access key" is a secret. */
export const VOCABULARY: Record<FieldKind, readonly string[]> = {
  secret: ['secret'],
  accessKey: ['accesskey', 'keyid', 'accessid'],
  bucket: ['bucket'],
  region: ['region'],
  endpoint: ['endpoint', 'hostname', 'serviceurl', 's3url', 'serverurl'],
};

/** Words of an ordinary sign-in form: never S3 by themselves. */
export const LOGIN_WORDS: readonly string[] = ['user', 'login', 'email', 'password', 'passwd'];

const KINDS = Object.keys(VOCABULARY) as FieldKind[];

/** Lower case, letters and digits only: `Access_Key-ID` → `accesskeyid`. */
export function normalise(text: string | null | undefined): string {
  return (text ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The control's self-description, each with a weight: names a developer chose count most. */
export function describe(control: Control): Array<[text: string, weight: number]> {
  const attr = (name: string) => normalise(control.getAttribute(name));
  return [
    [attr('id'), 3],
    [attr('name'), 3],
    [attr('autocomplete'), 3],
    [attr('aria-label'), 2],
    [attr('placeholder'), 2],
    [labelText(control), 2],
    [attr('title'), 1],
  ];
}

/** The most likely kind of `control`, or null when it says nothing S3. */
export function classify(control: Control): FieldKind | null {
  const description = describe(control);
  let best: FieldKind | null = null;
  let bestScore = 0;
  for (const kind of KINDS) {
    let score = 0;
    for (const [text, weight] of description)
      if (text && VOCABULARY[kind].some((word) => text.includes(word))) score += weight;
    if (score > bestScore) [best, bestScore] = [kind, score];
  }
  // Keys and secrets are typed, never picked from a list.
  if (control.localName === 'select' && (best === 'accessKey' || best === 'secret')) return null;
  return best;
}

/** True when the control reads like a username or password of an ordinary sign-in form. */
export function looksLikeLogin(control: Control): boolean {
  if ((control as HTMLInputElement).type === 'password') return true;
  return describe(control).some(([text]) => text && LOGIN_WORDS.some((word) => text.includes(word)));
}

/** Text of the control's labels: `labels`, an `aria-labelledby` target, or an enclosing label. */
function labelText(control: Control): string {
  let text = '';
  for (const label of control.labels ?? []) text += label.textContent ?? '';
  const ids = control.getAttribute('aria-labelledby');
  if (ids) {
    const root = control.getRootNode() as Document | ShadowRoot;
    for (const id of ids.split(/\s+/)) text += root.getElementById?.(id)?.textContent ?? '';
  }
  return normalise(text);
}
