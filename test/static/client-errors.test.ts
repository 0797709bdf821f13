import { ERROR_CODES } from '../../src/contract/result';
import { errorMessage } from '../../static/common/errors';
import { setLocale, setMessages, translate } from '../../static/common/i18n';
import { messages } from '../../static/common/messages';
import { networkError, toResult } from '../../static/common/ui-result';

beforeAll(() => setMessages(messages));
afterEach(() => setLocale('en'));

describe('toResult: what a resolver answered, as the UI sees it', () => {
  it('passes data through untouched', () => {
    const data = { issue: { key: 'MKT-1' } };
    expect(toResult({ ok: true, data })).toEqual({ ok: true, data });
  });

  it('keeps every error code the contract declares, with its message and field', () => {
    for (const code of ERROR_CODES) {
      expect(toResult({ ok: false, error: { code, message: 'why', field: 'definition.title' } })).toEqual({
        ok: false,
        error: { code, message: 'why', field: 'definition.title' }
      });
    }
  });

  it('turns an unknown code, a missing message or a non-Result into INTERNAL instead of crashing', () => {
    expect(toResult({ ok: false, error: { code: 'TEAPOT', message: 'short and stout' } })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'short and stout' }
    });
    expect(toResult({ ok: false, error: { code: 'CONFLICT', field: 42 } })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Unexpected error' }
    });
    for (const answer of [undefined, null, 'oops', { ok: true }, { ok: false, error: 'no' }, { data: 1 }]) {
      const result = toResult(answer);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INTERNAL');
    }
  });

  it('does not let the client-only NETWORK code come from the server', () => {
    expect(toResult({ ok: false, error: { code: 'NETWORK', message: 'spoofed' } })).toMatchObject({
      error: { code: 'INTERNAL' }
    });
  });

  it('reports a bridge failure as NETWORK with its message', () => {
    expect(networkError(new Error('Failed to fetch'))).toEqual({
      ok: false,
      error: { code: 'NETWORK', message: 'Failed to fetch' }
    });
    expect(networkError('offline')).toMatchObject({ error: { code: 'NETWORK', message: 'offline' } });
  });
});

describe('errorMessage: the sentence a person reads', () => {
  it('has a sentence of its own for every code, in both languages, never the server’s English', () => {
    for (const locale of ['en', 'fr'] as const) {
      setLocale(locale);
      const sentences = [...ERROR_CODES, 'NETWORK' as const].map((code) =>
        errorMessage({ code, message: 'stack trace for developers' })
      );
      expect(new Set(sentences).size).toBe(ERROR_CODES.length + 1);
      for (const sentence of sentences) expect(sentence).not.toContain('stack trace');
    }
    setLocale('fr');
    expect(errorMessage({ code: 'CONFLICT', message: 'stale' })).toBe(
      translate('fr', 'common.error.CONFLICT')
    );
  });

  it('names the field at fault by the label the surface shows, down to its root', () => {
    const labels = { retentionMonths: 'Retention (months)' };
    const expected = translate('en', 'common.error.INVALID_INPUT_FIELD', { field: 'Retention (months)' });
    expect(errorMessage({ code: 'INVALID_INPUT', message: 'x', field: 'retentionMonths' }, labels)).toBe(
      expected
    );
    expect(errorMessage({ code: 'INVALID_INPUT', message: 'x', field: 'retentionMonths[0]' }, labels)).toBe(
      expected
    );
  });

  it('falls back to the general sentence for a field without a label, or another code with a field', () => {
    expect(errorMessage({ code: 'INVALID_INPUT', message: 'x', field: 'secret.path' })).toBe(
      translate('en', 'common.error.INVALID_INPUT')
    );
    expect(errorMessage({ code: 'FORBIDDEN', message: 'x', field: 'title' }, { title: 'Title' })).toBe(
      translate('en', 'common.error.FORBIDDEN')
    );
  });
});
