/**
 * manifest.yml as `forge deploy` validates it: `validate()` from @forge/manifest (FULL), which
 * also checks that handler files and resource folders exist. Resource folders that `npm run
 * build` has not produced yet are replaced by placeholders in a temporary copy of the layout
 * (see scripts/forge/forge-tools.ts), so the result does not depend on the front-end build.
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { REPO_ROOT, validateManifest } from '../../scripts/forge/forge-tools';

jest.setTimeout(120_000);

const manifestText = (): string => fs.readFileSync(path.join(REPO_ROOT, 'manifest.yml'), 'utf8');

describe('@forge/manifest validate()', () => {
  it('accepts manifest.yml', async () => {
    const result = await validateManifest();
    console.log(
      `manifest validated ${result.mode}` +
        (result.placeholders.length
          ? ` (placeholders for unbuilt resources: ${result.placeholders.join(', ')})`
          : '')
    );
    expect(
      result.errors.map((e) => `manifest.yml:${e.line}:${e.column} ${e.message} (${e.reference ?? ''})`)
    ).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('rejects a broken manifest (so a pass above means something)', async () => {
    const oldRuntime = await validateManifest(
      REPO_ROOT,
      manifestText().replace(/name: nodejs\d+\.x/, 'name: nodejs18.x')
    );
    expect(oldRuntime.success).toBe(false);
    expect(oldRuntime.errors.map((e) => e.message).join('\n')).toMatch(/nodejs18\.x/);
    const missingHandler = await validateManifest(
      REPO_ROOT,
      manifestText().replace(/handler: functions\/issue-panel-resolver\./, 'handler: functions/missing-file.')
    );
    expect(missingHandler.success).toBe(false);
    expect(missingHandler.errors.map((e) => e.message).join('\n')).toMatch(/missing-file/);
  });
});

describe('manifest compatibility', () => {
  it('declares a product only when a module runs in it (an app listed for Confluence with nothing there fails review)', () => {
    const manifest = yaml.load(manifestText()) as {
      app: { compatibility?: Record<string, unknown> };
      modules: Record<string, unknown>;
    };
    const declared = Object.keys(manifest.app.compatibility ?? {}).sort();
    const withModules = [
      ...new Set(
        Object.keys(manifest.modules)
          // `macro` is a Confluence module without the product prefix.
          .map((type) => (type === 'macro' ? 'confluence:macro' : type))
          .filter((type) => type.includes(':'))
          .map((type) => type.slice(0, type.indexOf(':')))
      )
    ].sort();
    expect(declared).toEqual(withModules);
  });
});
