import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Tests wait for a state, never for a time. On a busy machine a page can take many seconds
// to reach a state, so findBy* and waitFor keep waiting well past their 1 s default and
// give up (with the DOM in the message) before the test's own timeout, not Jest's 5 s.
jest.setTimeout(120_000);
configure({ asyncUtilTimeout: 60_000 });
