import { findChromium } from './support/harness';

describe('browser set-up', () => {
  it('says how to install Chromium when none is on PATH', () => {
    const saved = { path: process.env.PATH, chromium: process.env.TANDEM_CHROMIUM };
    process.env.PATH = '';
    delete process.env.TANDEM_CHROMIUM;
    try {
      expect(() => findChromium()).toThrow(/apt-get install -y chromium/);
    } finally {
      process.env.PATH = saved.path;
      if (saved.chromium !== undefined) process.env.TANDEM_CHROMIUM = saved.chromium;
    }
  });

  it('finds the chromium on PATH here', () => {
    expect(findChromium()).toMatch(/chromium/);
  });
});
