import { IDLE_RUN, KEYS as PROVISIONING_KEYS } from '../../../src/issue-types/records';
import { forgeStore } from '../../../src/platform/store';
import { issue } from '../../support/site-seeds';
import { asRequester, createLaneSite, FIELD_IDS, type LaneSite, type LaneSiteOptions } from './lane-site';

/**
 * The experiments gate through a real transition in the embedded Jira: the validator is attached
 * to the transition into In Progress; an Experiment needs a hypothesis, a success metric and a
 * stop date; other types pass; any failure blocks with a message saying Tandem could not check.
 */

jest.setTimeout(60_000);

const IN_PROGRESS = { transition: '21', status: '3' };
const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }]
});

let s: LaneSite;

afterEach(() => {
  s.t.site.faults.clear();
  s.t.expectClean();
  s.t.close();
});

function site(options: LaneSiteOptions = {}): LaneSite {
  s = createLaneSite({
    ...options,
    seed: {
      issues: [
        issue({ project: 'LAN', issuetype: 'Experiment', summary: 'Shorter form' }),
        issue({
          project: 'LAN',
          issuetype: 'Experiment',
          summary: 'New hero',
          fields: {
            [FIELD_IDS.hypothesis]: adf('If we shorten the form, more people finish it.'),
            [FIELD_IDS.successMetric]: 'form conversion ≥ 4 %',
            [FIELD_IDS.stopDate]: '2026-12-31'
          }
        }),
        issue({ project: 'LAN', issuetype: 'Task', summary: 'Plain task' }),
        issue({
          project: 'LAN',
          issuetype: 'Experiment',
          summary: 'Half done',
          fields: { [FIELD_IDS.hypothesis]: adf('   '), [FIELD_IDS.successMetric]: 'clicks' }
        })
      ]
    }
  });
  s.t.runtime.attachWorkflowValidator('experiments-gate', { toStatusIds: [IN_PROGRESS.status] });
  return s;
}

async function start(key: string) {
  return s.rest(asRequester, 'POST', `/rest/api/3/issue/${key}/transitions`, {
    transition: { id: IN_PROGRESS.transition }
  });
}

const statusOf = (key: string) => (s.t.site.issue(key) as { statusId: string }).statusId;

describe('experiments gate', () => {
  it('blocks an Experiment without its three fields, naming them, and lets a complete one start', async () => {
    site();
    const blocked = await start('LAN-2');
    expect(blocked.status).toBe(400);
    expect(blocked.body.errorMessages).toEqual([
      'This experiment cannot start: fill in “Hypothesis”, “Success Metric” and “Stop Date”, then try again.'
    ]);
    expect(statusOf('LAN-2')).not.toBe(IN_PROGRESS.status);

    const ok = await start('LAN-3');
    expect(ok.status).toBe(204);
    expect(statusOf('LAN-3')).toBe(IN_PROGRESS.status);
  });

  it('a blank hypothesis counts as missing; only what is missing is named', async () => {
    site();
    const blocked = await start('LAN-5');
    expect(blocked.body.errorMessages).toEqual([
      'This experiment cannot start: fill in “Hypothesis” and “Stop Date”, then try again.'
    ]);
  });

  it('other issue types pass', async () => {
    site();
    expect((await start('LAN-4')).status).toBe(204);
  });

  it('speaks the language chosen at set-up and uses the fields provisioning recorded', async () => {
    site();
    await forgeStore.set(PROVISIONING_KEYS.run, { ...IDLE_RUN, language: 'fr' });
    const names = {
      hypothesis: 'Hypothèse',
      'success-metric': 'Indicateur de succès',
      'stop-date': "Date d'arrêt"
    };
    const ids = {
      hypothesis: FIELD_IDS.hypothesis,
      'success-metric': FIELD_IDS.successMetric,
      'stop-date': FIELD_IDS.stopDate
    };
    for (const key of ['hypothesis', 'success-metric', 'stop-date'] as const)
      await forgeStore.set(PROVISIONING_KEYS.item('field', key), {
        key,
        kind: 'field',
        state: 'adopted',
        jiraId: ids[key],
        jiraName: names[key],
        updatedAt: new Date().toISOString()
      });
    const fieldListings = () => s.t.exchanges.filter((ex) => ex.path === '/rest/api/3/field').length;
    const before = fieldListings();
    const blocked = await start('LAN-2');
    expect(blocked.body.errorMessages).toEqual([
      "Cette expérimentation ne peut pas démarrer : renseignez « Hypothèse », « Indicateur de succès » et « Date d'arrêt », puis réessayez."
    ]);
    // The recorded ids are used: no listing of every field.
    expect(fieldListings()).toBe(before);
  });

  it('fails closed on Jira 429', async () => {
    site();
    const fault = s.t.site.faults.inject({
      product: 'jira',
      as: 'app',
      method: 'GET',
      pathPattern: /^\/rest\/api\/3\/issue\/LAN-3$/,
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { errorMessages: ['Rate limit exceeded.'] }
    });
    const blocked = await start('LAN-3');
    expect(fault.hits()).toBe(1);
    expect(blocked.status).toBe(400);
    expect(blocked.body.errorMessages).toEqual([
      'Tandem could not check this experiment (Jira answered 429: too many requests); the transition was blocked. Try again in a minute.'
    ]);
    expect(statusOf('LAN-3')).not.toBe(IN_PROGRESS.status);
  });

  it('fails closed within its time budget when Jira hangs', async () => {
    site({ gate: { budgetMs: 400 } });
    s.t.site.faults.inject({ product: 'jira', as: 'app', hang: true });
    const started = Date.now();
    const blocked = await start('LAN-3');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(s.t.site.faults.hanging).toBeGreaterThanOrEqual(1);
    expect(blocked.body.errorMessages).toEqual([
      'Tandem could not check this experiment (no answer within 0.4 s); the transition was blocked. Try again in a minute.'
    ]);
  });

  it('fails closed when its storage is down', async () => {
    site();
    s.t.site.faults.inject({ product: 'kvs', status: 503 });
    const blocked = await start('LAN-3');
    expect(blocked.status).toBe(400);
    expect(blocked.body.errorMessages?.[0]).toContain("(Tandem's storage is unavailable)");
  });
});
