import { DEFAULT_POLICY, type Policy } from '../../src/guardrails/domain/policy';
import { adminPageMessages } from '../../static/admin-page/src/messages';
import {
  fieldLabel,
  hostOf,
  isHost,
  normalise,
  samePolicy,
  tierOption,
  validatePolicy
} from '../../static/admin-page/src/policy/model';
import { format, setLocale, setMessages, type I18nKey } from '../../static/common/i18n';
import { messages } from '../../static/common/messages';

const copy = (): Policy => structuredClone(DEFAULT_POLICY);
/** The English text of a key, placeholders filled: the tests follow wording changes. */
const en = (key: I18nKey, vars: Record<string, string | number> = {}) => format(messages.en[key], vars);

beforeAll(() => setMessages(adminPageMessages));
afterEach(() => setLocale('en'));

describe('policy editor: labels for a field path', () => {
  it('names tier, kind, check and list fields the way the editor shows them', () => {
    expect(fieldLabel('tiers.T3.approverGroup')).toBe(
      en('policy.field.tier', { tier: 'T3', field: en('policy.tiers.col.group') })
    );
    expect(fieldLabel('policy.tiers.T2.approvalSlaHours')).toBe(
      en('policy.field.tier', { tier: 'T2', field: en('policy.tiers.col.sla') })
    );
    expect(fieldLabel('kindTiers.email')).toBe(en('policy.field.kindTier', { kind: 'email' }));
    expect(fieldLabel('pageChecks.scriptOutsideAllowList')).toBe(
      en('policy.pageChecks.scriptOutsideAllowList')
    );
    expect(fieldLabel('itApproverGroup')).toBe(en('policy.it.group'));
    expect(fieldLabel('policy')).toBe(en('policy.field.whole'));
  });

  it('names a list item by its content when the policy is at hand', () => {
    const policy = copy();
    expect(fieldLabel('allowedDomains.scripts[1]', policy)).toBe(
      en('policy.field.listItem', { list: en('policy.domains.scripts'), item: 'www.googletagmanager.com' })
    );
    expect(fieldLabel('moduleLibrary[0].version', policy)).toBe(
      en('policy.field.listItem', { list: en('policy.modules.heading'), item: 'hero 2.1.0' })
    );
    expect(fieldLabel('allowedDomains.scripts[99]', policy)).toBe(en('policy.domains.scripts'));
  });

  it('speaks French when the host does', () => {
    setLocale('fr');
    expect(fieldLabel('kindTiers.email')).toBe(
      format(messages.fr['policy.field.kindTier'], { kind: 'e-mail' })
    );
    expect(tierOption('T2')).toContain('T2');
  });
});

describe('policy editor: problems before saving', () => {
  it('finds nothing wrong with the default policy', () => {
    expect(validatePolicy(copy())).toEqual([]);
  });

  it('names each problem at its field, in words a person understands', () => {
    const draft = copy();
    draft.tiers.T2.approvalSlaHours = NaN;
    draft.itApproverGroup = '';
    draft.allowedDomains.scripts.push('not a host!');
    const problems = validatePolicy(draft);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'tiers.T2.approvalSlaHours', message: en('policy.problem.wholeNumber') },
        { path: 'itApproverGroup', message: en('policy.problem.required') },
        { path: 'allowedDomains.scripts[5]', message: en('policy.problem.host') }
      ])
    );
  });

  it('refuses a reminder that comes after the approval expires', () => {
    const draft = { ...copy(), approvalValidityMonths: 6, reReviewReminderMonths: 6 };
    expect(validatePolicy(draft)).toEqual([
      { path: 'reReviewReminderMonths', message: en('policy.problem.reminderAfterExpiry') }
    ]);
  });

  it('refuses the same module version listed twice, at the second entry', () => {
    const draft = copy();
    draft.moduleLibrary.push({ id: 'hero', version: '2.1.0', status: 'retired' });
    expect(validatePolicy(draft)).toEqual([
      { path: `moduleLibrary[${draft.moduleLibrary.length - 1}]`, message: en('policy.modules.duplicate') }
    ]);
  });
});

describe('policy editor: what is saved', () => {
  it('trims group names and turns an empty group into "no approval"', () => {
    const draft = copy();
    draft.tiers.T2.approverGroup = '  privacy-team  ';
    draft.tiers.T3.approverGroup = '   ';
    draft.itApproverGroup = ' it-team ';
    const saved = normalise(draft);
    expect(saved.tiers.T2.approverGroup).toBe('privacy-team');
    expect(saved.tiers.T3.approverGroup).toBeNull();
    expect(saved.itApproverGroup).toBe('it-team');
    expect(saved.tiers.T1).toEqual(draft.tiers.T1);
  });

  it('sees an edit as a change and an untouched copy as none', () => {
    expect(samePolicy(copy(), copy())).toBe(true);
    expect(samePolicy(copy(), { ...copy(), itApprovalSlaHours: 72 })).toBe(false);
  });
});

describe('policy editor: allowed domains', () => {
  it('turns a pasted URL into its host name', () => {
    expect(hostOf(' https://CDN.Example.com/x.js?v=1 ')).toBe('cdn.example.com');
    expect(hostOf('Player.Vimeo.com')).toBe('player.vimeo.com');
  });

  it('accepts host names and wildcards the schema accepts, nothing else', () => {
    expect(isHost('cdn.example.com')).toBe(true);
    expect(isHost('*.example.com')).toBe(true);
    expect(isHost('https://cdn.example.com')).toBe(false);
    expect(isHost('not a host')).toBe(false);
  });
});
