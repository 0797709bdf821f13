import type { ProvisioningOverview, ProvisioningRun, ProjectsPage } from '../../src/contract/provisioning';
import type { Result } from '../../src/contract/result';
import type {
  FieldDoc,
  IssueTypeDoc,
  IssueTypeSchemeDoc,
  ProjectDoc,
  ScreenDoc
} from '../../preview/backend/types';
import { USERS } from '../support/site-seeds';
import { createTestSite, type TestSite } from '../support/test-site';

/**
 * Provisioning end to end through the real resolvers, the real queue consumer and the real
 * @forge/* packages, over the embedded Jira whose every answer is checked against the spec.
 */

const admin = USERS.admin.accountId;

let t: TestSite;
afterEach(() => {
  t.expectClean();
  t.close();
});

function customSchemeSeed() {
  return {
    issueTypeSchemes: [{ id: '20000', name: 'Marketing scheme', issueTypeIds: ['Task', 'Epic'] }]
  };
}

async function invoke<T>(accountId: string, key: string, payload?: unknown): Promise<Result<T>> {
  return t.asUser(accountId).invoke<Result<T>>(key, payload);
}

async function overview(accountId = admin): Promise<ProvisioningOverview> {
  const result = await invoke<ProvisioningOverview>(accountId, 'provisioning/overview', {});
  if (!result.ok) throw new Error(`overview failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function start(payload: unknown, accountId = admin): Promise<Result<ProvisioningRun>> {
  return invoke<ProvisioningRun>(accountId, 'provisioning/start', payload);
}

const tandemTypes = () =>
  t.site.docs
    .all<IssueTypeDoc>('issueTypes')
    .filter((type) =>
      [
        'Campaign',
        'Campagne',
        'Landing Page',
        "Page d'atterrissage",
        'Experiment',
        'Expérimentation'
      ].includes(type.name)
    );
const project = (key: string) => t.site.docs.all<ProjectDoc>('projects').find((p) => p.key === key)!;
const namesOf = <T extends { name: string }>(docs: T[]) => docs.map((doc) => doc.name).sort();

describe('provisioning the shared issue types', () => {
  it('installing changes nothing visible: the catalogue starts missing', async () => {
    t = createTestSite();
    await t.runtime.fireEvent('avi:forge:installed:app', { installerAccountId: admin, id: 'install-1' });
    const before = t.site.docs.all<IssueTypeDoc>('issueTypes').length;
    const view = await overview();
    expect(view.run.status).toBe('idle');
    expect(view.catalogue.filter((item) => item.kind === 'issueType')).toHaveLength(8);
    expect(view.catalogue.filter((item) => item.kind === 'field')).toHaveLength(10);
    expect(view.catalogue.every((item) => item.state === 'missing')).toBe(true);
    expect(t.site.docs.all<IssueTypeDoc>('issueTypes')).toHaveLength(before);
  });

  it('creates every type and field in the chosen language, adds fields to the default screen and types to the project scheme', async () => {
    t = createTestSite(customSchemeSeed());
    const mkt = project('MKT');
    t.site.docs.put<ProjectDoc>('projects', mkt.id, { ...mkt, issueTypeSchemeId: '20000' });

    const started = await start({ language: 'fr', projectIds: [mkt.id] });
    expect(started).toMatchObject({ ok: true, data: { status: 'queued', language: 'fr' } });
    await t.drain();

    const view = await overview();
    expect(view.run.status).toBe('done');
    expect(view.catalogue.every((item) => item.state === 'created')).toBe(true);
    expect(view.catalogue.find((item) => item.key === 'landing-page')?.jiraName).toBe("Page d'atterrissage");

    const fields = t.site.docs.all<FieldDoc>('fields').filter((field) => field.custom);
    expect(namesOf(fields)).toEqual(
      expect.arrayContaining(['Hypothèse', 'Portée', 'Équipe demandeuse', 'Date de lancement visée'])
    );
    const defaultScreen = t.site.docs.all<ScreenDoc>('screens')[0]!;
    const onScreen = new Set(defaultScreen.tabs.flatMap((tab) => tab.fields));
    for (const item of view.catalogue.filter((entry) => entry.kind === 'field')) {
      expect(onScreen.has(item.jiraId!)).toBe(true);
    }
    const scheme = t.site.docs.get<IssueTypeSchemeDoc>('schemes', '20000')!;
    for (const item of view.catalogue.filter((entry) => entry.kind === 'issueType')) {
      expect(scheme.issueTypeIds).toContain(item.jiraId);
    }
    expect(view.run.projects).toEqual([
      expect.objectContaining({ projectId: mkt.id, projectKey: 'MKT', state: 'done' })
    ]);
  });

  it('run twice creates no duplicate type, field, option or scheme entry', async () => {
    t = createTestSite();
    const mkt = project('MKT');
    await start({ language: 'en', projectIds: [mkt.id] });
    await t.drain();
    const types = namesOf(t.site.docs.all<IssueTypeDoc>('issueTypes'));
    const fields = namesOf(t.site.docs.all<FieldDoc>('fields'));
    const mark = t.exchanges.length;

    const again = await start({ language: 'en', projectIds: [mkt.id] });
    expect(again.ok).toBe(true);
    await t.drain();
    expect(namesOf(t.site.docs.all<IssueTypeDoc>('issueTypes'))).toEqual(types);
    expect(namesOf(t.site.docs.all<FieldDoc>('fields'))).toEqual(fields);
    const creates = t.exchanges
      .slice(mark)
      .filter((ex) => ex.method === 'POST' && /\/(issuetype|field)$|\/option$/.test(ex.path));
    expect(creates).toEqual([]);
    expect((await overview()).run.status).toBe('done');
  });

  it('adopts an existing type and field with the same name (either language) instead of duplicating', async () => {
    t = createTestSite({
      issueTypes: [{ name: 'campagne', description: 'Ours' }],
      fields: [{ name: 'Hypothesis', type: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea' }]
    });
    // Before the set-up, the overview already says these exist and will be adopted.
    const before = await overview();
    expect(before.catalogue.find((item) => item.key === 'campaign')).toMatchObject({
      state: 'missing',
      willAdopt: 'campagne'
    });
    expect(before.catalogue.find((item) => item.key === 'hypothesis')).toMatchObject({
      state: 'missing',
      willAdopt: 'Hypothesis'
    });
    expect(before.catalogue.find((item) => item.key === 'experiment')?.willAdopt).toBeUndefined();
    await start({ language: 'en', projectIds: [] });
    await t.drain();
    const view = await overview();
    expect(view.catalogue.find((item) => item.key === 'campaign')).toMatchObject({
      state: 'adopted',
      jiraName: 'campagne'
    });
    expect(view.catalogue.find((item) => item.key === 'hypothesis')).toMatchObject({ state: 'adopted' });
    expect(view.catalogue.find((item) => item.key === 'campaign')?.willAdopt).toBeUndefined();
    expect(
      t.site.docs.all<IssueTypeDoc>('issueTypes').filter((type) => /^campa/i.test(type.name))
    ).toHaveLength(1);
    expect(t.site.docs.all<FieldDoc>('fields').filter((field) => field.name === 'Hypothesis')).toHaveLength(
      1
    );
  });

  it('retries through the 403s Jira answers right after install and completes', async () => {
    t = createTestSite();
    await t.runtime.fireEvent('avi:forge:installed:app', { installerAccountId: admin, id: 'install-1' });
    const denied = t.site.faults.inject({
      product: 'jira',
      as: 'app',
      status: 403,
      body: { errorMessages: ['The app is not yet authorised'], errors: {} },
      times: 2
    });
    await start({ language: 'en', projectIds: [] });
    await t.drain();
    expect(denied.hits()).toBe(2);
    const view = await overview();
    expect(view.run.status).toBe('done');
    expect(view.run.attempts).toBeGreaterThanOrEqual(2);
    expect(view.catalogue.every((item) => item.state === 'created')).toBe(true);
  });

  it('resumes after a failure half-way and finishes without redoing what was done', async () => {
    t = createTestSite();
    // Fail every field creation once Jira stops answering: the types are already recorded.
    const outage = t.site.faults.inject({
      product: 'jira',
      method: 'POST',
      pathPattern: /\/rest\/api\/3\/field$/,
      status: 429,
      headers: { 'Retry-After': '3600' }
    });
    await start({ language: 'en', projectIds: [] });
    await t.drain();
    let view = await overview();
    expect(['waiting-retry', 'failed']).toContain(view.run.status);
    expect(
      view.catalogue.filter((item) => item.kind === 'issueType').every((item) => item.state === 'created')
    ).toBe(true);
    const typesAfterFirst = t.site.docs.all<IssueTypeDoc>('issueTypes').length;

    outage.remove();
    if (view.run.status === 'failed') await start({ language: 'en', projectIds: [] });
    await t.drain();
    view = await overview();
    expect(view.run.status).toBe('done');
    expect(view.catalogue.every((item) => item.state === 'created')).toBe(true);
    expect(t.site.docs.all<IssueTypeDoc>('issueTypes')).toHaveLength(typesAfterFirst);
  });

  it('says plainly that team-managed projects and the default scheme need nothing added', async () => {
    t = createTestSite();
    const web = project('WEB');
    const mkt = project('MKT');
    await start({ language: 'en', projectIds: [web.id, mkt.id] });
    await t.drain();
    const view = await overview();
    expect(view.run.projects.map((p) => [p.projectKey, p.state])).toEqual([
      ['WEB', 'not-applicable'],
      ['MKT', 'done']
    ]);
    expect(view.run.projects[0]?.reason).toMatch(/team-managed/i);
    expect(view.run.projects[1]?.reason).toMatch(/default issue type scheme/i);
  });

  it('a second start while a run is in flight joins it instead of starting another', async () => {
    t = createTestSite();
    const first = await start({ language: 'en', projectIds: [] });
    const second = await start({ language: 'fr', projectIds: [] });
    expect(first.ok && second.ok && second.data.runId === first.data.runId).toBe(true);
    await t.drain();
    expect(
      tandemTypes()
        .map((type) => type.name)
        .sort()
    ).toEqual(['Campaign', 'Experiment', 'Landing Page']);
  });
});

describe('who may provision', () => {
  it.each([
    ['requester', USERS.requester.accountId],
    ['approver', USERS.approver.accountId],
    ['browse-only user', USERS.browseOnly.accountId]
  ])('a %s gets FORBIDDEN from every resolver and nothing is written', async (_who, accountId) => {
    t = createTestSite();
    const typesBefore = t.site.docs.all<IssueTypeDoc>('issueTypes').length;
    for (const [key, payload] of [
      ['provisioning/overview', {}],
      ['provisioning/projects', {}],
      ['provisioning/start', { language: 'en', projectIds: [] }]
    ] as const) {
      const result = await invoke(accountId, key, payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await t.drain();
    expect(t.site.docs.all<IssueTypeDoc>('issueTypes')).toHaveLength(typesBefore);
    expect(Object.keys(t.site.kvs.dump())).toEqual([]);
  });

  it('a forged accountId in the payload changes nothing', async () => {
    t = createTestSite();
    const result = await invoke(USERS.browseOnly.accountId, 'provisioning/start', {
      language: 'en',
      projectIds: [],
      accountId: admin
    });
    expect(result.ok).toBe(false);
    expect(Object.keys(t.site.kvs.dump())).toEqual([]);
  });

  it('answers a malformed payload with an error that names the field, and writes nothing', async () => {
    t = createTestSite();
    const cases: [unknown, string][] = [
      [{ language: 'de', projectIds: [] }, 'language'],
      [{ language: 'en', projectIds: ['10000/../1'] }, 'projectIds.0'],
      [{ language: 'en', projectIds: 'MKT' }, 'projectIds'],
      [{ language: 'en', projectIds: ['10000', '10000'] }, 'projectIds']
    ];
    for (const [payload, field] of cases) {
      const result = await start(payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } });
    }
    expect(Object.keys(t.site.kvs.dump())).toEqual([]);
  });

  it('lists projects for the admin, page by page, with their style', async () => {
    t = createTestSite();
    const result = await invoke<ProjectsPage>(admin, 'provisioning/projects', { startAt: 0 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.projects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'MKT', style: 'classic' }),
        expect.objectContaining({ key: 'WEB', style: 'next-gen' })
      ])
    );
    expect(result.data.isLast).toBe(true);
  });
});

describe('delivery is at least once', () => {
  it('the same job event delivered twice concurrently creates each type once', async () => {
    t = createTestSite();
    const started = await start({ language: 'en', projectIds: [] });
    if (!started.ok) throw new Error('start failed');
    await Promise.all([
      t.runtime.fireTrigger('provisioning-worker', { body: { runId: started.data.runId } }),
      t.runtime.fireTrigger('provisioning-worker', { body: { runId: started.data.runId } })
    ]);
    await t.drain();
    const names = t.site.docs.all<IssueTypeDoc>('issueTypes').map((type) => type.name);
    for (const name of ['Campaign', 'Landing Page', 'Web Form', 'Retro Action']) {
      expect(names.filter((candidate) => candidate === name)).toHaveLength(1);
    }
    expect((await overview()).run.status).toBe('done');
  });

  it('a replayed install event keeps changing nothing in Jira', async () => {
    t = createTestSite();
    const before = t.site.docs.all<IssueTypeDoc>('issueTypes').length;
    await t.runtime.fireEvent('avi:forge:installed:app', { installerAccountId: admin, id: 'i' });
    await t.runtime.fireEvent('avi:forge:installed:app', { installerAccountId: admin, id: 'i' });
    await t.runtime.fireEvent('avi:forge:upgraded:app', { id: 'i' });
    expect(t.site.docs.all<IssueTypeDoc>('issueTypes')).toHaveLength(before);
    expect(t.exchanges.filter((ex) => ex.product === 'jira')).toEqual([]);
  });
});

describe('a run whose worker died', () => {
  it('does not block the admin: a new start replaces a run left running without its lock', async () => {
    t = createTestSite();
    const first = await start({ language: 'en', projectIds: [] });
    if (!first.ok) throw new Error('start failed');
    // The worker took the event and was killed mid-run: the run says running, no lock is held.
    const runKey = 'tandem:provisioning:run';
    const stored = t.site.kvs.dump()[runKey] as Record<string, unknown>;
    t.site.kvs.handle('/api/v1/set', { key: runKey, value: { ...stored, status: 'running', attempts: 1 } });

    const second = await start({ language: 'en', projectIds: [] });
    expect(second.ok && second.data.runId !== first.data.runId && second.data.status === 'queued').toBe(true);
    await t.drain();
    const view = await overview();
    expect(view.run).toMatchObject({ status: 'done', runId: second.ok ? second.data.runId : '' });
  });

  it('still joins a run that a live worker holds the lock for', async () => {
    t = createTestSite();
    const first = await start({ language: 'en', projectIds: [] });
    if (!first.ok) throw new Error('start failed');
    const runKey = 'tandem:provisioning:run';
    const stored = t.site.kvs.dump()[runKey] as Record<string, unknown>;
    t.site.kvs.handle('/api/v1/set', { key: runKey, value: { ...stored, status: 'running' } });
    t.site.kvs.handle('/api/v1/set', { key: 'tandem:provisioning:lock', value: { runId: first.data.runId } });
    const second = await start({ language: 'fr', projectIds: [] });
    expect(second.ok && second.data.runId).toBe(first.data.runId);
  });
});
