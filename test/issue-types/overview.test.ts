import { buildOverview } from '../../src/issue-types/overview';
import { IDLE_RUN, type ItemRecord } from '../../src/issue-types/records';
import { adminEn, adminFr } from '../../static/common/messages/admin';

/**
 * The catalogue's "deleted in Jira" state: a type the set-up created and someone deleted since is
 * missing again, and the admin page says why in the site's language (DESIGN rule 8), from the
 * message catalogue rather than an English string sent by the back end.
 */

const created = (key: string, jiraId: string): ItemRecord => ({
  key,
  kind: 'issueType',
  state: 'created',
  jiraId,
  jiraName: 'Campaign',
  updatedAt: '2026-11-02T10:00:00.000Z'
});

describe('the catalogue overview of an item deleted in Jira', () => {
  it('is missing with a flag the admin page words in EN and FR, and no English text of its own', () => {
    const records = new Map([['issueType:campaign', created('campaign', '10123')]]);
    const overview = buildOverview(records, IDLE_RUN, { types: [], fields: [] });
    const campaign = overview.catalogue.find((item) => item.key === 'campaign');
    expect(campaign).toMatchObject({ state: 'missing', deletedInJira: true });
    expect(campaign?.error).toBeUndefined();
    expect(adminEn['admin.catalogue.deletedInJira']).toBe(
      'Deleted in Jira since it was set up: run the set-up again'
    );
    expect(adminFr['admin.catalogue.deletedInJira']).toBe(
      'Supprimé dans Jira depuis la configuration\u202f: relancez la configuration'
    );
  });

  it('is not flagged while the type still exists, nor before any set-up', () => {
    const records = new Map([['issueType:campaign', created('campaign', '10123')]]);
    const live = { types: [{ id: '10123', name: 'Campaign' }], fields: [] };
    const overview = buildOverview(records, IDLE_RUN, live);
    expect(overview.catalogue.find((item) => item.key === 'campaign')).toMatchObject({ state: 'created' });
    const fresh = buildOverview(new Map(), IDLE_RUN, { types: [], fields: [] });
    expect(fresh.catalogue.every((item) => item.deletedInJira === undefined)).toBe(true);
  });
});
