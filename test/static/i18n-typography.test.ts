import { messages } from '../../static/common/messages';

/**
 * French typography in the catalogue (issue #10): a narrow no-break space (U+202F) before ; : ! ?
 * and inside « », never a plain or missing space; English straight quotes are not French
 * quotes. A URL's colon ("https://") and a placeholder's braces are not prose.
 */

const NNBSP = '\u202f';

/** The prose of a French string: URLs and {placeholders} taken out. */
function prose(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, 'URL').replace(/\{\w+\}/g, 'X');
}

const french: [string, string][] = Object.entries(messages.fr);

describe('French typography of the message catalogue', () => {
  it('has a narrow no-break space before every ; : ! ?', () => {
    const wrong = french.filter(([, text]) =>
      /(?:^|[^\u202f])[;:!?]/.test(prose(text).replace(/^[;:!?]/, ''))
    );
    expect(wrong.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('has a narrow no-break space inside « and »', () => {
    const wrong = french.filter(([, text]) => /«(?!\u202f)|(?<!\u202f)»/.test(text));
    expect(wrong.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('quotes with « » rather than “ ” or "', () => {
    const wrong = french.filter(([, text]) => /[“”"]/.test(prose(text)));
    expect(wrong.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('is checked over a catalogue that has such punctuation', () => {
    const punctuated = french.filter(([, text]) => /\u202f[;:!?]/.test(text));
    expect(punctuated.length).toBeGreaterThan(5);
    expect(french.some(([, text]) => text.includes(`«${NNBSP}`))).toBe(true);
  });
});
