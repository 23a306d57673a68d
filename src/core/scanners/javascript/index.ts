/**
 * The JavaScript/TypeScript scanner: AWS SDK v3 and v2 clients and calls, endpoint hosts and
 * ARNs in strings, AWS CDK constructs and stacks, and Pulumi resources and providers, from one
 * syntax-only parse per file (`@typescript-eslint/typescript-estree`, no type checker).
 */
import type { Scanner } from '../types';
import { isScriptFile, mayHoldAwsDependency } from './parse';
import { scanJavaScript } from './scanSource';

export const javascriptScanner: Scanner = {
  id: 'javascript',
  accepts: (file, text) => isScriptFile(file) && mayHoldAwsDependency(text),
  scan: (file, text, context) => scanJavaScript(file, text, context.javascriptSyntax),
};
