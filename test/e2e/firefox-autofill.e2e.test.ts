// Autofill in Debian's Firefox ESR with the Firefox build: the same suite as in Chromium (autofill-suite.ts).
import { launchFirefoxForFill } from '../helpers/autofill-browser.ts';
import { autofillSuite } from './autofill-suite.ts';

autofillSuite(launchFirefoxForFill);
