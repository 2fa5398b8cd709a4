/**
 * One fill, inside the page: find the form, set its mode, check every field is really visible, ask
 * first where the page is not trusted, then write. Never submits. The pair lives only in this
 * call's arguments.
 * @module
 */
import { createCheckVisible, type CheckVisible } from './check-visible.ts';
import { collectControls, isWritable, type Control } from './collect-fields.ts';
import { confirmInPage } from './confirm-in-page.ts';
import { detect, type Detection, type DetectOptions } from './detect.ts';
import { keepFocusAndScroll } from './focus-scroll.ts';
import { fillQuestions } from './fill-questions.ts';
import { writeValue } from './set-value.ts';
import type { FieldKind, Fill, FillResult } from './types.ts';
import { hostOf, pickOption, portOf, shapeEndpoint } from './value-shape.ts';

export interface FillPageOptions {
  /** How long to wait for fields rendered late or enabled by a mode. Default 2,000 ms. */
  waitMs?: number;
  /** Asks the user; default: the in-page dialog. */
  confirm?: (doc: Document, question: string) => Promise<boolean>;
  /** Default: the layout-based check; component tests in a DOM without layout pass their own. */
  checkVisible?: CheckVisible;
  /** Default: rendered in the layout; component tests in a DOM without layout pass their own. */
  isShown?: DetectOptions['isShown'];
  /**
   * The origins this access key was filled into before. When given, a page elsewhere is asked
   * about first (the keyboard command and the context menu, which do not name the site).
   */
  knownOrigins?: string[];
}

/** The order fields are written in. */
const KINDS: readonly FieldKind[] = ['accessKey', 'secret', 'endpoint', 'port', 'region', 'bucket'];

/** Fills `fill` into `doc`'s S3 form and reports what it wrote or why it refused. */
export async function fillPage(
  doc: Document,
  fill: Fill,
  options: FillPageOptions = {},
): Promise<FillResult> {
  const {
    waitMs = 2000,
    confirm = confirmInPage,
    checkVisible = createCheckVisible(),
    isShown,
    knownOrigins,
  } = options;
  const view = doc.defaultView;
  // `origin` is opaque ('null') in a sandboxed document, while `location.origin` still names the URL's.
  const origin = view?.origin ?? view?.location.origin ?? 'null';
  if (origin === 'null') return { ok: false, reason: 'sandboxed', origin };

  const scan = () => detect(collectControls(doc), { isShown });
  let found = await waitFor(doc, waitMs, () => {
    const result = scan();
    return 'refusal' in result ? null : result;
  });
  if (!found) {
    const result = scan();
    return { ok: false, reason: 'refusal' in result ? result.refusal : 'no-fields', origin };
  }
  if (found.target?.prepare?.(collectControls(doc))) {
    // Wait for the form to react: the key fields enabled, or new fields rendered.
    const before = found;
    const redetect = () => {
      const again = scan();
      return 'refusal' in again || again.adapter !== before.adapter ? null : again;
    };
    found =
      (await waitFor(doc, waitMs, () => {
        const again = redetect();
        const reacted = again && (!ready(before) || count(again) > count(before));
        return again && reacted && ready(again) ? again : null;
      })) ??
      redetect() ??
      before;
  }
  if (!ready(found))
    return { ok: false, reason: 'no-fields', origin, detail: 'the key fields are disabled or read-only' };

  // Checks may scroll fields into view and writes move the focus: the user gets both back.
  const restore = keepFocusAndScroll(doc, Object.values(found.fields));
  try {
    const writes: Array<[FieldKind, Control, string]> = [];
    for (const kind of KINDS) {
      const control = found.fields[kind];
      const value = control && valueFor(kind, control, fill, found);
      if (!control || !value || !isWritable(control)) continue;
      const invisible = checkVisible(control);
      // The keys must be visible; an extra field the page hides is left alone.
      if (invisible && (kind === 'accessKey' || kind === 'secret'))
        return { ok: false, reason: invisible, origin, detail: `${kind} field` };
      if (!invisible) writes.push([kind, control, value]);
    }

    const question = view && fillQuestions(new URL(view.location.href), found, knownOrigins);
    if (question && !(await confirm(doc, question))) return { ok: false, reason: 'declined', origin };

    const filled: FieldKind[] = [];
    for (const [kind, control, value] of writes) if (writeValue(control, value)) filled.push(kind);
    return { ok: true, origin, adapter: found.adapter, filled };
  } finally {
    restore();
  }
}

/**
 * The value `control` takes for `kind`: the adapter's own, else the pair's, fitted to the field (an
 * endpoint as URL or host, a region or endpoint picked from the field's list). Undefined: leave it.
 */
function valueFor(kind: FieldKind, control: Control, fill: Fill, found: Detection): string | undefined {
  const own = found.values[kind];
  switch (kind) {
    case 'accessKey':
      return fill.accessKeyId;
    case 'secret':
      return fill.secretAccessKey;
    case 'bucket':
      return fill.bucket && (own ? own(fill) : fill.bucket);
    case 'region': {
      if (own) return own(fill);
      const option = pickOption(control, [fill.region]);
      return option === null ? fill.region : option;
    }
    case 'endpoint': {
      if (own) return own(fill);
      const option = pickOption(control, [
        fill.endpoint,
        fill.endpoint.replace(/\/+$/, ''),
        hostOf(fill.endpoint) ?? '',
      ]);
      return option === null
        ? shapeEndpoint(control, fill.endpoint, { portApart: !!found.fields.port })
        : option;
    }
    case 'port':
      // Only a port the endpoint names; a field left empty keeps the form's own default (443, 80).
      return portOf(fill.endpoint) || undefined;
  }
}

function count(found: Detection): number {
  return Object.values(found.fields).filter(Boolean).length;
}

function ready(found: Detection): boolean {
  return (
    !!found.fields.accessKey &&
    !!found.fields.secret &&
    isWritable(found.fields.accessKey) &&
    isWritable(found.fields.secret)
  );
}

/** Polls `probe` on DOM changes (and every 50 ms, for shadow trees) until it answers or time is up. */
async function waitFor<T>(doc: Document, ms: number, probe: () => T | null): Promise<T | null> {
  const first = probe();
  if (first || ms <= 0) return first;
  const deadline = Date.now() + ms;
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const value = probe();
      if (value || Date.now() >= deadline) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(value);
      } else {
        clearTimeout(timer);
        timer = setTimeout(check, 50);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(doc, { childList: true, subtree: true, attributes: true });
    timer = setTimeout(check, 50);
  });
}
