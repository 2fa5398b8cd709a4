/**
 * Fits a value to the field that takes it: an endpoint as a full URL or as host[:port], as the field
 * asks; a region or endpoint offered as a list picked from its options, never typed into a select.
 * @module
 */
import { labelText, normalise } from './classify-field.ts';
import type { Control } from './collect-fields.ts';

/** How the field wants the endpoint. */
export type EndpointShape = 'url' | 'host';

/**
 * `url` unless the field asks for a host: a placeholder like `s3.example.com` or `minio:9000`, a
 * `pattern` the URL fails and the host passes, or a name or label that says host and not URL.
 */
export function endpointShape(control: Control, endpoint: string): EndpointShape {
  if ((control as HTMLInputElement).type === 'url') return 'url';
  const placeholder = control.getAttribute('placeholder') ?? '';
  if (/[a-z][a-z0-9+.-]*:\/\//i.test(placeholder)) return 'url';
  const pattern = control.getAttribute('pattern');
  if (pattern) {
    const fits = (value: string) => {
      try {
        return new RegExp(`^(?:${pattern})$`, 'v').test(value);
      } catch {
        return true;
      }
    };
    const host = hostOf(endpoint);
    if (!fits(endpoint) && host && fits(host)) return 'host';
    if (fits(endpoint)) return 'url';
  }
  // A host name for an example: letters, a dot or a port, no scheme.
  if (/(^|\s)[a-z0-9{}-]+(\.[a-z0-9{}-]+)+(:\d+)?(\s|$)|(^|\s)[a-z0-9-]+:\d+(\s|$)/i.test(placeholder))
    return 'host';
  const names = `${normalise(control.id)} ${normalise(control.getAttribute('name'))} ${labelText(control)}`;
  if (/url|uri/.test(names)) return 'url';
  if (/host|fqdn|address/.test(names)) return 'host';
  return 'url';
}

/** `https://s3.example.com:9000/` → `s3.example.com:9000`; null for something that is not a URL. */
export function hostOf(endpoint: string): string | null {
  try {
    return new URL(endpoint).host || null;
  } catch {
    return null;
  }
}

/** `https://s3.example.com:9000` → `9000`; empty when the URL names no port (or is not a URL). */
export function portOf(endpoint: string): string {
  try {
    return new URL(endpoint).port;
  } catch {
    return '';
  }
}

/**
 * The endpoint in the shape the field wants. `portApart`: the form has a port field of its own, so a
 * host goes without its port.
 */
export function shapeEndpoint(control: Control, endpoint: string, { portApart = false } = {}): string {
  if (endpointShape(control, endpoint) !== 'host') return endpoint;
  const host = hostOf(endpoint);
  if (!host) return endpoint;
  return portApart ? new URL(endpoint).hostname : host;
}

/**
 * The option of a list (a select, or an input's datalist) that stands for `wanted` (any of them):
 * same value or text, or a text naming it as a word ("EU (Frankfurt) eu-central-1"). Undefined when
 * a select has no such option (leave it); null when the field is free text (no list, or a datalist,
 * which only suggests).
 */
export function pickOption(control: Control, wanted: string[]): string | null | undefined {
  const options =
    control.localName === 'select'
      ? [...(control as HTMLSelectElement).options]
      : [...((control as HTMLInputElement).list?.querySelectorAll('option') ?? [])];
  if (control.localName !== 'select' && !(control as HTMLInputElement).list) return null;
  const values = wanted.filter(Boolean).map((w) => w.toLowerCase());
  const exact = options.find((o) => [o.value, o.text.trim()].some((v) => values.includes(v.toLowerCase())));
  const word =
    exact ??
    options.find((o) =>
      values.some((v) => new RegExp(`(^|[^a-z0-9-])${escapeRegExp(v)}([^a-z0-9-]|$)`, 'i').test(o.text)),
    );
  if (word) return word.value;
  return control.localName === 'select' ? undefined : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
