/** Picks the backend for a region from its settings. */
import type { RegionRecord } from '../storage/data.ts';
import { createNoneBackend } from './none-backend.ts';
import type { S3Backend } from './s3-backend.ts';

export type { S3Backend } from './s3-backend.ts';
export { BackendUnavailableError } from './s3-backend.ts';

export function createBackend(region: RegionRecord): S3Backend {
  switch (region.backend.type) {
    case 'none':
      return createNoneBackend();
  }
}
