import { buildDemoSeed, DEMO_IDS } from '../../preview/demo/demo';
import { applySeed } from '../../preview/demo/load';
import type { Result } from '../../src/contract/result';
import { RETRO_KEYS, type RetroView } from '../../src/contract/retro';
import { adfErrors } from '../support/adf';
import { createTestSite, type TestSite } from '../support/test-site';

/**
 * The demo's retro pages through the app's real resolvers: September's retro (in progress) opens
 * on August's open actions with their Jira status; August's (done) shows its actions and exports.
 */

let t: TestSite;
const seed = buildDemoSeed();
const persona = (role: string) => seed.personas.find((p) => p.role === role)!.accountId;

beforeAll(() => {
  t = createTestSite({}, { base: false });
  applySeed(t.site, seed, 'demo');
});
afterAll(() => t.close());

function contextOf(pageId: string, localId: string) {
  const page = seed.pages!.find((p) => p.id === pageId)!;
  const config = page.macros!.find((m) => m.localId === localId)!.config ?? {};
  const space = seed.spaces!.find((s) => s.key === page.spaceKey)!;
  return {
    moduleKey: 'tandem-retro',
    localId,
    extension: {
      type: 'macro',
      content: { id: pageId },
      space: { id: space.id!, key: space.key },
      config,
      localId
    },
    locale: 'fr_FR',
    timezone: 'Europe/Paris'
  };
}

async function get(pageId: string, localId: string): Promise<RetroView> {
  const result = await t
    .asUser(persona('requester'))
    .invoke<Result<RetroView>>(RETRO_KEYS.get, {}, contextOf(pageId, localId));
  if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`);
  return result.data;
}

it('September’s retro is in the add phase and carries August’s open actions with their status', async () => {
  const view = await get(DEMO_IDS.pages.retroSept, 'retro-sept');
  expect(view.phase).toBe('add');
  expect(view.me).toMatchObject({ facilitator: true, canEdit: true });
  const openInJira = seed.issues!.filter(
    (i) => i.project === 'MKT' && i.labels?.includes('retro-action') && i.status !== 'Done'
  );
  expect(openInJira.length).toBeGreaterThan(0);
  expect(view.carriedOver.map((a) => a.issueKey).sort()).toEqual(openInJira.map((i) => i.key).sort());
  expect(view.carriedOver.every((a) => a.status.length > 0 && a.due !== null)).toBe(true);
  // Others' cards stay hidden while cards are added (Léa wrote none yet).
  expect(view.board.cards).toEqual([]);
  expect(Object.values(view.board.hiddenCounts).reduce((s, n) => s + n, 0)).toBe(5);
  expect(view.figures?.donePerLane.length).toBeGreaterThan(0);
  t.expectClean();
});

it('August’s retro is done: its actions show their live status and the page exports as valid ADF', async () => {
  const view = await get(DEMO_IDS.pages.retroAug, 'retro-aug');
  expect(view.phase).toBe('done');
  expect(view.actions.length).toBeGreaterThan(0);
  expect(view.actions.every((a) => a.status !== null)).toBe(true);
  expect(view.board.cards.find((c) => c.id === 'aug-card-04')?.votes).toBe(3);
  const doc = await t.runtime.fireTrigger('retro-export', {
    context: contextOf(DEMO_IDS.pages.retroAug, 'retro-aug')
  });
  expect(adfErrors(doc)).toEqual([]);
  expect(JSON.stringify(doc)).toContain('Automate trade-show lead exports.');
  t.expectClean();
});
