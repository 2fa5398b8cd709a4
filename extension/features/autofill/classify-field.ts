/**
 * The generic detector's field scorer: reads what a control says about itself (id, name,
 * autocomplete, labels bound to it, placeholder, aria-label, title) and matches it against the S3
 * vocabularies. Matching is on normalised text: lower case, letters and digits only.
 * @module
 */
import type { Control } from './collect-fields.ts';
import { LabelIndex } from './label-index.ts';
import type { FieldKind } from './types.ts';

/**
 * Words that name each kind, normalised. Order breaks ties: a "secret access key" is a secret. A port
 * is not among them: "port" is inside too many other words (report, export); see detect.ts.
 */
export const VOCABULARY: Record<Exclude<FieldKind, 'port'>, readonly string[]> = {
  secret: ['secret'],
  accessKey: ['accesskey', 'keyid', 'accessid'],
  bucket: ['bucket'],
  // S3 calls a bucket's region its LocationConstraint.
  region: ['region', 'locationconstraint'],
  endpoint: ['endpoint', 'hostname', 'serviceurl', 's3url', 'serverurl'],
};

/** Words of an ordinary sign-in form's name field: never S3 by themselves. */
export const LOGIN_WORDS: readonly string[] = ['user', 'login', 'email', 'account'];

const KINDS = Object.keys(VOCABULARY) as Array<keyof typeof VOCABULARY>;

/** Lower case, letters and digits only: `Access_Key-ID` → `accesskeyid`. */
export function normalise(text: string | null | undefined): string {
  return (text ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Where a word was read, and how much it counts. */
interface Evidence {
  text: string;
  weight: number;
  /** Said by the field itself (id, name, autocomplete, a label bound to it), not a hint beside it. */
  strong: boolean;
}

/** The control's self-description: names a developer chose count most, hints least. */
export function describe(control: Control, labels = new LabelIndex()): Evidence[] {
  const attr = (name: string) => normalise(control.getAttribute(name));
  return [
    { text: attr('id'), weight: 3, strong: true },
    { text: attr('name'), weight: 3, strong: true },
    { text: attr('autocomplete'), weight: 3, strong: true },
    { text: attr('aria-label'), weight: 2, strong: true },
    { text: labelText(control, labels), weight: 2, strong: true },
    { text: attr('placeholder'), weight: 2, strong: false },
    { text: attr('title'), weight: 1, strong: false },
  ];
}

export interface ClassifyOptions {
  /** Only the field's own names and bound labels count (for fields added next to a site adapter's). */
  strongOnly?: boolean;
  /** Shared by the classifications of one scan. */
  labels?: LabelIndex;
}

/** The most likely kind of `control`, or null when it says nothing S3. */
export function classify(control: Control, options: ClassifyOptions = {}): FieldKind | null {
  return score(control, options)?.kind ?? null;
}

/** The most likely kind of `control` and how strongly the control says so; null when it says nothing S3. */
export function score(
  control: Control,
  { strongOnly = false, labels }: ClassifyOptions = {},
): { kind: FieldKind; score: number } | null {
  if (!mentionsS3(control, labels)) return null;
  const evidence = describe(control, labels).filter((e) => e.text && (e.strong || !strongOnly));
  let best: FieldKind | null = null;
  let bestScore = 0;
  for (const kind of KINDS) {
    let total = 0;
    for (const { text, weight } of evidence)
      if (VOCABULARY[kind].some((word) => text.includes(word))) total += weight;
    if (total > bestScore) [best, bestScore] = [kind, total];
  }
  // Keys and secrets are typed, never picked from a list.
  if (!best || (control.localName === 'select' && (best === 'accessKey' || best === 'secret'))) return null;
  return { kind: best, score: bestScore };
}

/** Any word of any kind, to pass over the many controls of a big page that say nothing S3 in one test. */
const ANY_WORD = new RegExp(Object.values(VOCABULARY).flat().join('|'));

function mentionsS3(control: Control, labels = new LabelIndex()): boolean {
  let text = '';
  for (const name of ['id', 'name', 'autocomplete', 'aria-label', 'placeholder', 'title'])
    text += control.getAttribute(name) ?? '';
  return ANY_WORD.test(normalise(text) + labelText(control, labels));
}

/** True when the control reads like the user-name or e-mail field of an ordinary sign-in form. */
export function looksLikeUserName(control: Control, labels?: LabelIndex): boolean {
  const autocomplete = control.getAttribute('autocomplete') ?? '';
  if (/\b(username|email)\b/.test(autocomplete)) return true;
  if ((control as HTMLInputElement).type === 'email') return true;
  return describe(control, labels).some(
    ({ text }) => text && LOGIN_WORDS.some((word) => text.includes(word)),
  );
}

/** Help and error text that sits inside a wrapping label: it describes the field, it does not name it. */
const HINTS = '[class*=help],[class*=hint],[class*=description],[class*=tooltip],[class*=error],small';

/**
 * Text of the labels bound to the control: for= or wrapping (without the hints nested in them), and
 * `aria-labelledby` targets.
 */
export function labelText(control: Control, labels = new LabelIndex()): string {
  let text = '';
  for (const label of labels.labelsOf(control)) text += ownText(label);
  const ids = control.getAttribute('aria-labelledby');
  if (ids) {
    const root = control.getRootNode() as Document | ShadowRoot;
    for (const id of ids.split(/\s+/)) text += root.getElementById?.(id)?.textContent ?? '';
  }
  return normalise(text);
}

/** A label's text without that of the controls and hints nested in it. */
function ownText(label: HTMLLabelElement): string {
  if (!label.querySelector(`input,select,textarea,${HINTS}`)) return label.textContent ?? '';
  let text = '';
  const walker = label.ownerDocument.createTreeWalker(label, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const skipped = node.parentElement?.closest(`select,textarea,${HINTS}`);
    if (!skipped || !label.contains(skipped)) text += node.nodeValue ?? '';
  }
  return text;
}
