import { InvalidInputError } from '../../src/platform/errors';
import { macroInstanceFrom, macroStorageKey } from '../../src/platform/macro';
import { storageKey } from '../../src/platform/store';

const context = (extension: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({
  accountId: 'a1',
  localId: 'frame-local',
  moduleKey: 'retro-macro',
  extension: { type: 'macro', ...extension },
  ...rest
});

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.field;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

describe('macroInstanceFrom', () => {
  it('reads the page, space, local id and config from the context', () => {
    const instance = macroInstanceFrom(
      context({
        content: { id: '98304', type: 'page' },
        space: { id: '65536', key: 'MKTG' },
        localId: '4d3c2b1a-aaaa-bbbb-cccc-0123456789ab',
        config: { phase: 'collect' }
      })
    );
    expect(instance).toEqual({
      pageId: '98304',
      spaceKey: 'MKTG',
      localId: '4d3c2b1a-aaaa-bbbb-cccc-0123456789ab',
      config: { phase: 'collect' }
    });
  });

  it("falls back to the module's local id, and to an empty config before the dialog ran", () => {
    expect(macroInstanceFrom(context({ content: { id: '98304' } }))).toEqual({
      pageId: '98304',
      localId: 'frame-local',
      config: {}
    });
  });

  it('refuses a context without the page, naming the field', () => {
    expect(fieldOf(() => macroInstanceFrom(context({})))).toBe('context.extension.content.id');
    expect(fieldOf(() => macroInstanceFrom(context({ content: { id: '../1' } })))).toBe(
      'context.extension.content.id'
    );
    expect(fieldOf(() => macroInstanceFrom({ accountId: 'a1' }))).toBe('context.extension');
    expect(fieldOf(() => macroInstanceFrom(undefined))).toBe('context');
  });

  it('refuses a bad local id, space key or config, naming the field', () => {
    expect(fieldOf(() => macroInstanceFrom(context({ content: { id: '1' }, localId: 'a:b' })))).toBe(
      'context.extension.localId'
    );
    expect(fieldOf(() => macroInstanceFrom(context({ content: { id: '1' } }, { localId: undefined })))).toBe(
      'context.localId'
    );
    expect(fieldOf(() => macroInstanceFrom(context({ content: { id: '1' }, space: { key: 'A B' } })))).toBe(
      'context.extension.space.key'
    );
    expect(fieldOf(() => macroInstanceFrom(context({ content: { id: '1' }, config: ['x'] })))).toBe(
      'context.extension.config'
    );
  });
});

describe('macroStorageKey', () => {
  const a = { pageId: '98304', localId: 'one' };
  it('builds on storageKey: kind, page, instance, then the rest', () => {
    expect(macroStorageKey('retro', a, 'card', 'c1')).toBe(
      storageKey('macro', 'retro', '98304', 'one', 'card', 'c1')
    );
  });

  it('keeps kinds, pages and instances apart, and an instance prefix covers its records only', () => {
    const keys = [
      macroStorageKey('retro', a, 'card'),
      macroStorageKey('ideas', a, 'card'),
      macroStorageKey('retro', { pageId: '98305', localId: 'one' }, 'card'),
      macroStorageKey('retro', { pageId: '98304', localId: 'two' }, 'card')
    ];
    expect(new Set(keys).size).toBe(4);
    const prefix = `${macroStorageKey('retro', a)}:`;
    expect(keys[0]!.startsWith(prefix)).toBe(true);
    expect(keys.slice(1).some((k) => k.startsWith(prefix))).toBe(false);
  });
});
