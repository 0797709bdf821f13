import { buildDemoSeed } from '../../preview/demo/demo';
import { parseSeed, SeedError } from '../../preview/demo/schema';

/** The demo's capacity section is checked by the app's own settings rules before anything is written. */

function problemsOf(mutate: (seed: ReturnType<typeof buildDemoSeed>) => void): string[] {
  const seed = buildDemoSeed();
  mutate(seed);
  try {
    parseSeed(seed, 'demo');
    return [];
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
    return error.message.split('\n');
  }
}

describe('demo seed: app.capacity', () => {
  it('sets MKT up with the dedicated rebuild lane, run and experiments, and is identical on every build', () => {
    const capacity = buildDemoSeed().app?.capacity?.MKT;
    const settings = capacity?.settings as { lanes: Array<{ id: string; kind: string; name: string }> };
    expect(settings.lanes.map((lane) => [lane.id, lane.kind])).toEqual([
      ['refonte-site', 'dedicated'],
      ['run', 'run'],
      ['experiments', 'experiments']
    ]);
    expect(settings.lanes[0]?.name).toBe('Refonte du site');
    expect(JSON.stringify(buildDemoSeed().app)).toBe(JSON.stringify(buildDemoSeed().app));
    expect(problemsOf(() => undefined)).toEqual([]);
  });

  it('refuses settings the settings page would refuse, at their path', () => {
    const problems = problemsOf((seed) => {
      const settings = seed.app!.capacity!.MKT!.settings as {
        people: Array<{ shares: Record<string, number> }>;
      };
      settings.people[0]!.shares = { 'refonte-site': 0.9, run: 0.2 };
    });
    expect(problems.join('\n')).toContain('$.app.capacity.MKT.settings');
    expect(problems.join('\n')).toContain('only dedicated lanes take shares');
  });

  it('refuses an override of an unknown issue or lane', () => {
    const problems = problemsOf((seed) => {
      seed.app!.capacity!.MKT!.overrides = { 'MKT-9999': 'nowhere' };
    });
    expect(problems.join('\n')).toContain('unknown issue "MKT-9999"');
    expect(problems.join('\n')).toContain('no lane "nowhere"');
  });
});
