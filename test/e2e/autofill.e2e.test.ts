// Autofill in Chromium with the built extension: the suite in autofill-suite.ts.
import { launchChromiumForFill } from '../helpers/autofill-browser.ts';
import { autofillSuite } from './autofill-suite.ts';

autofillSuite(launchChromiumForFill);
