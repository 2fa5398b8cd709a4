#!/usr/bin/env node
// The package's `bin`: runs the TypeScript CLI through tsx, so `npx s3keys-companion …` works after install.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
