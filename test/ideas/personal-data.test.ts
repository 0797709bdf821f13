import { IDEAS_PERSONAL_DATA_SOURCE as source } from '../../src/ideas/personal-data';
import { KEYS } from '../../src/ideas/records';
import { PERSONAL_DATA_SOURCES } from '../../src/privacy/sources';

const inst = { pageId: '3001', localId: 'ideas-1' };
const ctx = { closed: new Set(['gone']), pseudonym: (id: string) => `closed-account-${id.length}` };

describe('the idea backlog in the personal-data registry', () => {
  it('is registered and covers every record key the backlog writes', () => {
    expect(PERSONAL_DATA_SOURCES).toContain(source);
    for (const key of [
      KEYS.vote(inst, '1', 'gone'),
      KEYS.evidence(inst, '1', 'e-1'),
      KEYS.decision(inst, '1', 'd-1'),
      KEYS.experiment(inst, '1'),
      KEYS.outcome(inst, '1')
    ])
      expect(key.startsWith(source.prefix)).toBe(true);
  });

  it('reports who acted and when; deletes a closed account’s vote, pseudonymises it elsewhere', () => {
    const vote = { t: 'vote', accountId: 'gone', at: '2026-10-01T00:00:00.000Z' };
    const decision = {
      t: 'decision',
      id: 'd',
      decision: 'park',
      by: 'gone',
      at: '2026-10-02T00:00:00.000Z',
      note: ''
    };
    expect(source.mentions('k', vote)).toEqual([{ accountId: 'gone', at: '2026-10-01T00:00:00.000Z' }]);
    expect(source.mentions('k', { t: 'evidence', addedBy: 'someone', addedAt: 'x' })).toEqual([
      { accountId: 'someone', at: 'x' }
    ]);
    expect(source.erase('k', vote, ctx)).toBe('delete');
    expect(source.erase('k', decision, ctx)).toEqual({ ...decision, by: 'closed-account-4' });
    expect(source.erase('k', { ...decision, by: 'still-here' }, ctx)).toBeNull();
  });
});
