/**
 * The shapes every part of autofill shares: what is filled, which fields exist, and how a fill ends.
 * @module
 */

/** One region's pair plus what a console form may ask for besides the keys. */
export interface Fill {
  accessKeyId: string;
  secretAccessKey: string;
  /** The region's S3 endpoint URL, e.g. `https://s3.example.com`. */
  endpoint: string;
  /** The region id as S3 knows it, e.g. `demo-north-1`. */
  region: string;
  /** Only filled where a form asks for one. */
  bucket?: string;
}

/** What the page is told besides the pair (never a secret). */
export interface FillContext {
  /** Where this access key was filled before; when given, a page elsewhere asks first. */
  knownOrigins?: string[];
}

/** The kinds of field a console form can have. */
export type FieldKind = 'accessKey' | 'secret' | 'endpoint' | 'port' | 'region' | 'bucket';

/** Why nothing was written. */
export type RefusalReason =
  /** No pair to fill (no pending secret, nothing unlocked). */
  | 'no-pair'
  /** The extension may not script this tab (no activeTab grant, a browser page, a store page). */
  | 'no-access'
  /** The document is sandboxed (opaque origin). */
  | 'sandboxed'
  /** No access key + secret field pair was found. */
  | 'no-fields'
  /** The only candidate is an ordinary username/password login form, which is never filled with S3 keys. */
  | 'login-form'
  /** The S3 key fields are all hidden (a section for another storage type is shown instead). */
  | 'hidden'
  /** A key field is shown but nearly transparent, tiny or covered by another element (clickjacking). */
  | 'transparent'
  | 'tiny'
  | 'covered'
  /**
   * The user declined the confirmation (plain http:, look-alike host name, a site this key was never
   * filled into, a form that wants temporary credentials).
   */
  | 'declined';

/** What a fill did, as the page reports it. */
export type FillResult =
  | { ok: true; origin: string; adapter: string; filled: FieldKind[] }
  | { ok: false; reason: RefusalReason; origin?: string; detail?: string };
