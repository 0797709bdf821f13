import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

/**
 * Keeps Tandem eligible for "Runs on Atlassian" (docs/privacy-and-security.md): the manifest lists
 * no egress (`permissions.external`), no remote back end (`remotes`, `endpoint`, `providers`), no
 * web trigger; and no code under src/ or static/ reaches a host outside Atlassian (no global
 * `fetch`, no @forge/api `fetch`/`invokeRemote`, no Node network modules, no URL of another host
 * except identifiers that are never requested). `forge eligibility` is the authoritative check
 * on a machine that can reach Atlassian; this test stops a change from breaking it in review.
 */

const ROOT = path.resolve(__dirname, '../..');

type Doc = Record<string, unknown>;

/** Why a manifest would not be eligible; empty when it is. */
function manifestProblems(manifest: Doc): string[] {
  const problems: string[] = [];
  const permissions = (manifest.permissions ?? {}) as Doc;
  for (const key of Object.keys(permissions))
    if (key !== 'scopes' && key !== 'content') problems.push(`permissions.${key}`);
  for (const key of ['remotes', 'providers', 'services', 'endpoints'])
    if (manifest[key] !== undefined) problems.push(key);
  const modules = (manifest.modules ?? {}) as Record<string, unknown>;
  for (const [type, list] of Object.entries(modules)) {
    if (type === 'webtrigger') problems.push('modules.webtrigger');
    if (type === 'endpoint') problems.push('modules.endpoint');
    for (const module of Array.isArray(list) ? (list as Doc[]) : []) {
      if (module.endpoint !== undefined) problems.push(`modules.${type}.${String(module.key)}.endpoint`);
      const resolver = (module.resolver ?? {}) as Doc;
      if (resolver.endpoint !== undefined)
        problems.push(`modules.${type}.${String(module.key)}.resolver.endpoint`);
    }
  }
  return problems;
}

/** Hosts that may appear in code because they are never requested (ids, placeholders). */
const NEVER_REQUESTED = new Set([
  'docs.oasis-open.org', // SARIF's $schema identifier in tandem-check's report
  'first-party.invalid', // base URL for parsing relative URLs in tandem-check (.invalid never resolves)
  'cdn.example.com' // an example in a comment of the policy editor
]);
const ATLASSIAN = /(^|\.)(atlassian\.(net|com)|atl-paas\.net)$/;

const EGRESS: { pattern: RegExp; what: string }[] = [
  { pattern: /(^|[^.\w])fetch\s*\(/, what: 'global fetch' },
  {
    pattern: /import\s[^;]*\{[^}]*\b(fetch|invokeRemote|invokeService)\b[^}]*\}\s*from\s*'@forge\/api'/,
    what: '@forge/api egress'
  },
  { pattern: /\b(invokeRemote|invokeService)\s*\(/, what: 'Forge Remote call' },
  { pattern: /from\s*'(node:)?(https?|net|tls|dgram|http2)'/, what: 'Node network module' },
  { pattern: /require\(\s*'(node:)?(https?|net|tls|dgram|http2)'\s*\)/, what: 'Node network module' },
  { pattern: /\b(XMLHttpRequest|WebSocket|EventSource)\b|sendBeacon\s*\(/, what: 'browser network API' }
];

function sourceProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const { pattern, what } of EGRESS) if (pattern.test(line)) problems.push(`${file}:${i + 1} ${what}`);
    for (const match of line.matchAll(/https?:\/\/([a-zA-Z0-9.-]+)/g)) {
      const host = (match[1] ?? '').toLowerCase();
      if (!ATLASSIAN.test(host) && !NEVER_REQUESTED.has(host))
        problems.push(`${file}:${i + 1} URL of ${host}`);
    }
  });
  return problems;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'build') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(full));
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

const manifest = yaml.load(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as Doc;

describe('Runs on Atlassian', () => {
  it('manifest.yml lists no egress, remote, endpoint, provider or web trigger', () => {
    expect(manifestProblems(manifest)).toEqual([]);
  });

  it('the check refuses each thing that would make the app ineligible', () => {
    const withExternal = {
      ...manifest,
      permissions: { scopes: [], external: { fetch: { backend: ['x.io'] } } }
    };
    expect(manifestProblems(withExternal)).toEqual(['permissions.external']);
    expect(manifestProblems({ ...manifest, remotes: [{ key: 'r', baseUrl: 'https://x.io' }] })).toEqual([
      'remotes'
    ]);
    const modules = manifest.modules as Doc;
    const withEndpoint = {
      ...manifest,
      modules: { ...modules, function: [...(modules.function as Doc[]), { key: 'f', endpoint: 'remote' }] }
    };
    expect(manifestProblems(withEndpoint)).toEqual(['modules.function.f.endpoint']);
    expect(manifestProblems({ ...manifest, modules: { ...modules, webtrigger: [{ key: 'w' }] } })).toEqual([
      'modules.webtrigger'
    ]);
  });

  it('no code under src/ or static/ calls a host outside Atlassian', () => {
    const files = [...sources(path.join(ROOT, 'src')), ...sources(path.join(ROOT, 'static'))];
    expect(files.length).toBeGreaterThan(50);
    const problems = files.flatMap((file) =>
      sourceProblems(path.relative(ROOT, file), fs.readFileSync(file, 'utf8'))
    );
    expect(problems).toEqual([]);
  });

  it('the code check catches egress written in any of the usual ways', () => {
    const bad = [
      "await fetch('https://api.example.org/v1')",
      "import { fetch } from '@forge/api';",
      "import api, { invokeRemote } from '@forge/api';",
      "import https from 'node:https';",
      "const net = require('net');",
      'navigator.sendBeacon(url, body);',
      "const url = 'https://collector.example.net/t';"
    ];
    for (const line of bad) expect(sourceProblems('x.ts', line)).not.toEqual([]);
    expect(sourceProblems('x.ts', 'await api.asApp().requestJira(route`/rest/api/3/myself`);')).toEqual([]);
    expect(sourceProblems('x.ts', "const site = 'https://tandem.atlassian.net/browse/GRD-1';")).toEqual([]);
  });
});
