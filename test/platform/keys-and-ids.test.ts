import fc from 'fast-check';
import { route } from '@forge/api';
import { InvalidInputError } from '../../src/platform/errors';
import { fieldId, issueIdOrKey, numericId, projectKey } from '../../src/platform/ids';
import { storageKey } from '../../src/platform/store';

describe('storageKey', () => {
  it('only produces characters KVS accepts', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 4 }), (segments) => {
        expect(storageKey(...segments)).toMatch(/^[a-zA-Z0-9:._\s#-]+$/);
      })
    );
  });

  it('is injective: different segment lists never share a key', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
        fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
        (a, b) => {
          fc.pre(JSON.stringify(a) !== JSON.stringify(b));
          expect(storageKey(...a)).not.toBe(storageKey(...b));
        }
      )
    );
    expect(storageKey('a:b')).not.toBe(storageKey('a', 'b'));
    expect(storageKey('a#3ab')).not.toBe(storageKey('a:b'));
  });
});

describe('id validators', () => {
  it('accept the shapes Jira uses', () => {
    expect(numericId('10001')).toBe('10001');
    expect(projectKey('MKT')).toBe('MKT');
    expect(issueIdOrKey('MKT-12')).toBe('MKT-12');
    expect(issueIdOrKey('10042')).toBe('10042');
    expect(fieldId('customfield_10020')).toBe('customfield_10020');
  });

  it('refuse hostile values before they reach a route, naming the field', () => {
    const hostile = fc.oneof(
      fc.constantFrom(
        '../admin',
        '1/../2',
        '1?x=1',
        '1#a',
        '%2e%2e',
        ' 1',
        '1 ',
        'MKT-1/transitions',
        '',
        '-1'
      ),
      fc.string().filter((s) => !/^[0-9]{1,18}$/.test(s))
    );
    fc.assert(
      fc.property(hostile, (value) => {
        let thrown: unknown;
        try {
          const id = numericId(value, 'projectId');
          expect(route`/rest/api/3/project/${id}`.value).toBe(`/rest/api/3/project/${id}`);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(InvalidInputError);
        expect((thrown as InvalidInputError).field).toBe('projectId');
      }),
      { numRuns: 1000 }
    );
  });
});
