import { compareTexts, type TextComparison } from '../../../../src-shared/rules/compare/textComparison.ts';

/** What the page asks the compare worker: two texts. */
export interface CompareRequest {
  oldText: string;
  newText: string;
}

// A dedicated worker's global scope; the renderer's tsconfig has the DOM's types, not the worker's.
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<CompareRequest>) => void) | null;
  postMessage: (message: TextComparison) => void;
};

scope.onmessage = (event) => {
  scope.postMessage(compareTexts(event.data.oldText, event.data.newText));
};
