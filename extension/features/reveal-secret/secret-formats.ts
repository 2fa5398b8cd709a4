/**
 * The pending secret in the shapes people paste it into: shell environment variables, an AWS CLI
 * credentials profile, and a CSV file like the one cloud consoles offer.
 * @module
 */
import type { PendingSecret } from '@/lib/pending-secret.ts';

/**
 * `value` as one word of a POSIX shell: in single quotes, where nothing is special, and each embedded
 * single quote closed, escaped and reopened (`'\''`).
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `export` lines for a POSIX shell; the endpoint variable is read by AWS CLI v2 and current SDKs. */
export function asEnvironment(secret: PendingSecret): string {
  const line = (name: string, value: string) => `export ${name}=${shellQuote(value)}`;
  return [
    line('AWS_ACCESS_KEY_ID', secret.accessKeyId),
    line('AWS_SECRET_ACCESS_KEY', secret.secretAccessKey),
    line('AWS_DEFAULT_REGION', secret.region),
    line('AWS_ENDPOINT_URL', secret.endpoint),
    '',
  ].join('\n');
}

/** The profile's name in `~/.aws/credentials`. */
export function profileName(secret: PendingSecret): string {
  return `s3keys-${secret.region}`;
}

/** A profile for `~/.aws/credentials`; the endpoint belongs in `~/.aws/config`, so it is a comment here. */
export function asCredentialsProfile(secret: PendingSecret): string {
  return [
    `[${profileName(secret)}]`,
    `aws_access_key_id = ${secret.accessKeyId}`,
    `aws_secret_access_key = ${secret.secretAccessKey}`,
    `# endpoint: ${secret.endpoint} (use --endpoint-url, or endpoint_url in ~/.aws/config)`,
    '',
  ].join('\n');
}

/** CSV with a header row, and the name to save it under. */
export function asCsvFile(secret: PendingSecret): { name: string; text: string } {
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  const row = [secret.region, secret.endpoint, secret.accessKeyId, secret.secretAccessKey, secret.createdAt]
    .map(quote)
    .join(',');
  return {
    name: `s3keys-${secret.region}-${secret.accessKeyId}.csv`,
    text: `Region,Endpoint,Access key ID,Secret access key,Created\n${row}\n`,
  };
}

/** Saves `text` as a download named `name`. */
export function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  // The download has taken its copy of the blob by the next task; do not keep the secret around.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
