import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Site } from '../../preview/backend/site';
import { buildDemoSeed, DEMO_IDS } from '../../preview/demo/demo';
import { applySeed, readPreviewMeta } from '../../preview/demo/load';
import { parseSeed, SeedError, type PreviewSeed } from '../../preview/demo/schema';

const ROOT = path.resolve(__dirname, '..', '..');

function cli(args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'preview/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function problemsOf(seed: unknown): { path: string; message: string }[] {
  try {
    parseSeed(seed);
  } catch (e) {
    if (e instanceof SeedError) return e.problems;
    throw e;
  }
  return [];
}

describe('the demo seed', () => {
  const seed = buildDemoSeed();

  it('is the same on every build (seeded PRNG, fixed epoch)', () => {
    expect(JSON.stringify(buildDemoSeed())).toBe(JSON.stringify(seed));
  });

  it('tells the website-rebuild story: three teams, about a dozen people, about 400 issues', () => {
    expect(problemsOf(seed)).toEqual([]);
    expect(seed.users.length).toBeGreaterThanOrEqual(12);
    expect(seed.users.length).toBeLessThanOrEqual(15);
    expect((seed.projects ?? []).map((p) => [p.key, p.style])).toEqual([
      ['MKT', 'classic'],
      ['IT', 'classic'],
      ['CRE', 'next-gen']
    ]);
    const issues = seed.issues ?? [];
    expect(issues.length).toBeGreaterThanOrEqual(380);
    expect(issues.length).toBeLessThanOrEqual(420);
    for (const label of [
      'refonte-site',
      'run',
      'experiment',
      'future-ops',
      'landing-page',
      'form',
      'idea',
      'retro-action'
    ]) {
      expect(issues.some((i) => i.labels?.includes(label))).toBe(true);
    }
    expect(issues.filter((i) => i.issuetype === 'Campaign').length).toBeGreaterThan(0);
    expect(issues.some((i) => /Formulaire|Landing page/.test(i.summary))).toBe(true);
    expect(
      issues.some((i) => /^[A-Z][a-z]+ [a-z]+:? /.test(i.summary) && /\b(the|for|with)\b/.test(i.summary))
    ).toBe(true);
    expect((seed.pages ?? []).some((p) => /Rétrospective|Retrospective/.test(p.title))).toBe(true);
    expect((seed.groups ?? []).map((g) => g.name)).toEqual(
      // The approver groups of the default guardrail policy, so every persona can play its part.
      expect.arrayContaining([
        'jira-administrators',
        'tandem-privacy-reviewers',
        'tandem-it-reviewers',
        'tandem-data-protection-officer'
      ])
    );
    expect(seed.personas.map((p) => p.role)).toEqual(
      expect.arrayContaining(['requester', 'approver', 'admin', 'browser'])
    );
  });

  it('starts before provisioning: only marketing’s own types, the studio’s own type and Target Launch Date exist', () => {
    expect((seed.issueTypes ?? []).map((t) => [t.name, t.projectId ?? 'global'])).toEqual([
      ['Campaign', 'global'],
      ['Landing Page', 'global'],
      ['Web Form', 'global'],
      // The creative studio's project-scoped type: provisioning must not adopt it.
      ['Landing Page', DEMO_IDS.projects.CRE]
    ]);
    expect((seed.fields ?? []).map((f) => [f.id, f.name])).toEqual([
      [DEMO_IDS.targetLaunchField, 'Target Launch Date'],
      // Marketing's own ICE/RICE score fields (the idea backlog's demo, issue #13): adopted too.
      ['customfield_10051', 'Reach'],
      ['customfield_10052', 'Impact'],
      ['customfield_10053', 'Confidence'],
      ['customfield_10054', 'Ease'],
      ['customfield_10055', 'Effort']
    ]);
  });

  it('loads into the embedded site with the right permissions for each persona', () => {
    const site = new Site({ dataDir: ':memory:' });
    try {
      const meta = applySeed(site, seed, 'demo');
      expect(readPreviewMeta(site)).toEqual(meta);
      expect(site.docs.peekAll('issues')).toHaveLength((seed.issues ?? []).length);
      const who = (role: string) => ({
        kind: 'user' as const,
        accountId: seed.personas.find((p) => p.role === role)?.accountId as string
      });
      expect(site.hasGlobal(who('admin'), 'ADMINISTER')).toBe(true);
      expect(site.hasGlobal(who('browser'), 'ADMINISTER')).toBe(false);
      expect(site.hasGlobal(who('requester'), 'ADMINISTER')).toBe(false);
      const mkt = site.projectByKey('MKT');
      if (!mkt) throw new Error('MKT missing');
      expect(site.canBrowse(who('browser'), mkt)).toBe(true);
      expect(site.hasProject(who('browser'), mkt, 'CREATE_ISSUES')).toBe(false);
      expect(site.hasProject(who('requester'), mkt, 'CREATE_ISSUES')).toBe(true);
      // Landing pages and forms already have marketing's own types; the studio's are team-managed.
      const typeName = (key: string) => {
        const issue = site.issueByIdOrKey(key);
        return issue ? site.docs.get<{ name: string }>('issueTypes', issue.issueTypeId)?.name : undefined;
      };
      const byType = (project: string, type: string) =>
        (seed.issues ?? []).filter((i) => i.project === project && i.issuetype === type);
      expect(byType('MKT', 'Landing Page').length).toBe(20);
      expect(byType('MKT', 'Web Form').length).toBe(18);
      expect(byType('CRE', 'Landing Page').length).toBeGreaterThan(0);
      for (const issue of [...byType('MKT', 'Landing Page'), ...byType('CRE', 'Landing Page')])
        expect(typeName(issue.key as string)).toBe('Landing Page');
      expect(typeName(byType('MKT', 'Web Form')[0]?.key as string)).toBe('Web Form');
    } finally {
      site.close();
    }
  });
});

describe('seed validation', () => {
  const base = (): PreviewSeed => buildDemoSeed();

  it('names the JSON path of each problem', () => {
    const seed = base() as unknown as {
      issues: { project: string; assignee: string }[];
      users: { email: string }[];
      surprise?: number;
    };
    (seed.issues[3] as { project: string }).project = 'NOPE';
    (seed.issues[5] as { assignee: string }).assignee = 'ghost';
    (seed.users[0] as { email: string }).email = 'not-an-email';
    seed.surprise = 1;
    const paths = problemsOf(seed).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['$.issues[3].project', '$.issues[5].assignee', '$.users[0].email', '$'])
    );
  });

  it('refuses a seed the back end cannot load and writes nothing of it', () => {
    const seed = base();
    seed.fields = [
      { name: 'Odd', type: 'com.atlassian.jira.plugin.system.customfieldtypes:cascadingselect' }
    ];
    const site = new Site({ dataDir: ':memory:' });
    try {
      expect(() => applySeed(site, seed, 'odd.json')).toThrow(/nothing was loaded/);
      expect(site.docs.peekAll('users')).toHaveLength(0);
      expect(site.docs.peekAll('projects')).toHaveLength(0);
      expect(readPreviewMeta(site)).toBeUndefined();
    } finally {
      site.close();
    }
  });
});

describe('npm start flags', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-'));

  it('--help lists the flags', () => {
    const run = cli(['--help']);
    expect(run.status).toBe(0);
    for (const flag of ['--port', '--data-dir', '--seed', '--reset', 'TANDEM_DATA_DIR', 'PORT'])
      expect(run.output).toContain(flag);
  });

  it('--seed with a malformed file says where the problem is and writes nothing', () => {
    const bad = base();
    (bad.issues?.[7] as { project: string }).project = 'ZZZ';
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    const dataDir = path.join(tmp, 'data-bad');
    const run = cli(['--seed', file, '--data-dir', dataDir, '--port', '0']);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('$.issues[7].project');
    expect(run.output).toContain('nothing was loaded');
    expect(fs.existsSync(path.join(dataDir, 'tandem.sqlite'))).toBe(false);
  }, 60_000);

  it('--seed with a file that is not JSON is refused the same way', () => {
    const file = path.join(tmp, 'broken.json');
    fs.writeFileSync(file, '{ "format": ');
    const run = cli(['--seed', file, '--data-dir', path.join(tmp, 'data-broken'), '--port', '0']);
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/not valid JSON/);
  }, 60_000);

  function base(): PreviewSeed {
    return buildDemoSeed();
  }
});
