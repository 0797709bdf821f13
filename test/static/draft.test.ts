import type { PageDefinition } from '../../src/guardrails/domain/definition';
import {
  EMPTY_DEFINITION,
  canonical,
  forSaving,
  newConsent,
  newField,
  newForm,
  newResource,
  normalise,
  optionalMonths,
  optionalText,
  removeAt,
  replaceAt
} from '../../static/issue-panel/src/draft';

/** A stored definition as the server may send it: optional parts left out. */
const stored = {
  schemaVersion: 1,
  audience: 'minors',
  modules: [{ id: 'hero', version: '2.1.0' }],
  forms: [{ id: 'signup', fields: [{ name: 'email', label: 'Email' }] }],
  scripts: [],
  embeds: []
} as unknown as PageDefinition;

describe('the panel draft', () => {
  it('starts from an empty page when nothing is stored', () => {
    expect(normalise(null)).toEqual(EMPTY_DEFINITION);
    expect(EMPTY_DEFINITION).toMatchObject({ audience: 'general', forms: [], modules: [] });
  });

  it('fills every default a stored definition may leave out, keeping what it says', () => {
    const draft = normalise(stored);
    expect(draft.audience).toBe('minors');
    expect(draft.modules).toEqual([{ id: 'hero', version: '2.1.0' }]);
    expect(draft.forms[0]).toEqual({
      id: 'signup',
      consents: [],
      fields: [{ name: 'email', label: 'Email', required: false, hidden: false, inputType: 'text' }]
    });
  });

  it('compares drafts by content: key order and undefined values do not make a change', () => {
    const a = normalise(stored);
    const reordered = JSON.parse(JSON.stringify({ ...a, title: undefined })) as PageDefinition;
    const shuffled = Object.fromEntries(Object.entries(reordered).reverse()) as PageDefinition;
    expect(canonical(shuffled)).toBe(canonical(a));
    expect(canonical({ ...a, title: 'Spring launch' })).not.toBe(canonical(a));
    expect(canonical({ ...a, forms: [] })).not.toBe(canonical(a));
  });

  it('treats blank text as "not given" and keeps real text as typed', () => {
    expect(optionalText('   ')).toBeUndefined();
    expect(optionalText('')).toBeUndefined();
    expect(optionalText(' Newsletter ')).toBe(' Newsletter ');
  });

  it('accepts only whole, non-negative months', () => {
    expect(optionalMonths('24')).toBe(24);
    expect(optionalMonths(' 0 ')).toBe(0);
    expect(optionalMonths('')).toBeUndefined();
    expect(optionalMonths('-3')).toBeUndefined();
    expect(optionalMonths('1.5')).toBeUndefined();
    expect(optionalMonths('twelve')).toBeUndefined();
  });

  it('names new forms, fields and consent boxes with the first free number', () => {
    expect(newForm([]).id).toBe('form-1');
    const forms = [newForm([]), { ...newForm([]), id: 'form-3' }];
    expect(newForm(forms).id).toBe('form-4');
    expect(newForm([{ ...newForm([]), id: 'form-2' }]).id).toBe('form-3');
    expect(newField([newField([])])).toMatchObject({
      name: 'field-2',
      required: false,
      hidden: false,
      inputType: 'text'
    });
    expect(newConsent([])).toEqual({ id: 'consent-1', purpose: '', preTicked: false });
  });

  it('replaces and removes list items without touching the original list', () => {
    const list = ['a', 'b', 'c'];
    expect(replaceAt(list, 1, 'B')).toEqual(['a', 'B', 'c']);
    expect(removeAt(list, 0)).toEqual(['b', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
  });

  it('leaves empty script and embed rows out of what is saved, keeps inline code', () => {
    const draft: PageDefinition = {
      ...EMPTY_DEFINITION,
      scripts: [
        newResource(),
        { url: '  ' },
        { url: 'https://js.hsforms.net/forms.js' },
        { inline: 'gtag()' }
      ],
      embeds: [newResource()]
    };
    const saved = forSaving(draft);
    expect(saved.scripts).toEqual([{ url: 'https://js.hsforms.net/forms.js' }, { inline: 'gtag()' }]);
    expect(saved.embeds).toEqual([]);
    expect(draft.scripts).toHaveLength(4);
  });
});
