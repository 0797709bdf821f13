// @ts-check
/**
 * One flat config for the repo.
 * - TypeScript everywhere gets typescript-eslint's type-checked rules; the project service
 *   picks the nearest tsconfig (static/tsconfig.json for the Custom UI, ./tsconfig.json
 *   for the rest).
 * - docs/architecture.md rule 1: `domain/` folders import nothing from @forge/*, React
 *   or src/platform, and do not call fetch.
 * - docs/architecture.md rule 9: static/ imports only @contract/* and modules meant for the
 *   browser, never src/platform, a capability's domain/index or its Node-only modules.
 * - Goal 9 of ../shared/QUALITY.md: no HTML injection sinks anywhere (React's
 *   dangerouslySetInnerHTML, innerHTML/outerHTML assignment, insertAdjacentHTML,
 *   document.write): user data is rendered as text only.
 */
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TS_FILES = [
  'src/**/*.{ts,tsx}',
  'static/**/*.{ts,tsx}',
  'test/**/*.{ts,tsx}',
  'preview/**/*.{ts,tsx}',
  'bench/**/*.{ts,tsx}',
  'scripts/**/*.ts'
];
const JS_FILES = ['**/*.{js,mjs,cjs}'];

const readonly = (names) =>
  Object.fromEntries(names.map((name) => [name, /** @type {const} */ ('readonly')]));
const nodeGlobals = readonly([
  'AbortController',
  'AbortSignal',
  'Buffer',
  'TextDecoder',
  'TextEncoder',
  'URL',
  'URLSearchParams',
  'clearImmediate',
  'clearInterval',
  'clearTimeout',
  'console',
  'fetch',
  'globalThis',
  'performance',
  'process',
  'queueMicrotask',
  'setImmediate',
  'setInterval',
  'setTimeout',
  'structuredClone'
]);
const browserGlobals = readonly([
  'AbortController',
  'CustomEvent',
  'Event',
  'HTMLElement',
  'MessageEvent',
  'MutationObserver',
  'ResizeObserver',
  'URL',
  'URLSearchParams',
  'cancelAnimationFrame',
  'clearInterval',
  'clearTimeout',
  'console',
  'document',
  'fetch',
  'getComputedStyle',
  'globalThis',
  'localStorage',
  'location',
  'navigator',
  'queueMicrotask',
  'requestAnimationFrame',
  'sessionStorage',
  'setInterval',
  'setTimeout',
  'structuredClone',
  'window'
]);
const commonJsGlobals = {
  ...readonly(['require', '__dirname', '__filename']),
  module: 'writable',
  exports: 'writable'
};

const HTML_SINK = 'Render user data as text (React children), never as HTML (QUALITY.md goal 9).';
const noHtmlSinks = [
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: HTML_SINK },
  { selector: "Property[key.name='dangerouslySetInnerHTML']", message: HTML_SINK },
  {
    selector: 'AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]',
    message: HTML_SINK
  },
  {
    selector: 'AssignmentExpression > MemberExpression.left[property.value=/^(innerHTML|outerHTML)$/]',
    message: HTML_SINK
  },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: HTML_SINK },
  {
    selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
    message: HTML_SINK
  }
];

const DOMAIN =
  'domain/ holds pure functions over typed data: no Forge, React or platform code (docs/architecture.md rule 1).';

const STATIC_BOUNDARY =
  'static/ runs in the browser: import @contract/* or a pure domain module by name, never src/platform, a domain index (node:crypto, parse5) or back-end code (docs/architecture.md rule 9).';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/build/',
    '**/dist/',
    '.build/',
    'coverage/',
    'test-results/',
    '.tandem-data/'
  ]),

  js.configs.recommended,

  {
    name: 'tandem/html-sinks',
    rules: { 'no-restricted-syntax': ['error', ...noHtmlSinks] }
  },

  {
    name: 'tandem/typescript',
    files: TS_FILES,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }]
    }
  },

  {
    name: 'tandem/javascript',
    files: JS_FILES,
    languageOptions: { globals: nodeGlobals }
  },
  {
    name: 'tandem/commonjs',
    files: ['**/*.cjs', '*.config.js', 'bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } }
  },

  {
    name: 'tandem/browser-scripts',
    files: ['preview/host/**/*.js', 'static/**/*.js'],
    languageOptions: { globals: browserGlobals }
  },

  {
    name: 'tandem/custom-ui',
    files: ['static/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']]
  },

  {
    name: 'tandem/domain-purity',
    files: ['src/**/domain/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@forge/*'], message: DOMAIN },
            { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: DOMAIN },
            { regex: '(^|/)platform(/|$)', message: DOMAIN }
          ]
        }
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: DOMAIN }]
    }
  },
  {
    name: 'tandem/static-boundary',
    files: ['static/**/*.{ts,tsx}'],
    rules: {
      // typescript-eslint's variant: it tells `import type` (erased) from a value import.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '@forge/api', '@forge/kvs', '@forge/events', '@forge/resolver'],
              message: STATIC_BOUNDARY
            },
            // Into src/ only through @contract/* or a capability's pure domain modules, by name.
            { regex: '(^|/)src/(?!contract/|[^/]+/domain/[^/]+$)', message: STATIC_BOUNDARY },
            { regex: '(^|/)src/[^/]+/domain/(index|hash|html-import)$', message: STATIC_BOUNDARY },
            // The payload schemas and zod itself are for types only: values would put zod in the UI bundle.
            {
              regex: '(^zod(/.*)?$)|(-payloads$)',
              allowTypeImports: true,
              message: `${STATIC_BOUNDARY} Payload schemas and zod: \`import type\` only.`
            }
          ]
        }
      ]
    }
  }
);
