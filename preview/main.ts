import path from 'node:path';
import { parseArgs } from 'node:util';
import { SeedError } from './demo/schema';
import { startPreview } from './server';

const HELP = `Tandem local preview — every surface of the app in a browser, on an embedded Jira,
Confluence and Forge storage, with demo data.

Usage: npm start -- [options]        (npm start builds static/ first)
       npx tsx preview/main.ts [options]

Options:
  --port N          port to listen on (default: $PORT or 8080; 0 picks a free port)
  --host HOST       interface to listen on (default 127.0.0.1)
  --data-dir DIR    where the site is kept (default: $TANDEM_DATA_DIR or ./.tandem-data)
  --seed FILE       load this JSON seed instead of the demo (format: preview/demo/SEED-FORMAT.md);
                    the data folder must be empty, or add --reset
  --reset           start clean: delete the site in the data folder, then load the demo or --seed
  --app-root DIR    serve another app folder (manifest.yml, src/, static/); for the preview's own tests
  --help            show this help

The first start on an empty data folder loads the demo; later starts keep everything.
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        seed: { type: 'string' },
        reset: { type: 'boolean', default: false },
        'app-root': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
      },
      strict: true,
      allowPositionals: false
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const rawPort = (values.port as string | undefined) ?? process.env.PORT ?? '8080';
  if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) > 65535)
    fail(`--port must be a number from 0 to 65535, not "${rawPort}".`);
  const dataDir = path.resolve(
    (values['data-dir'] as string | undefined) ?? process.env.TANDEM_DATA_DIR ?? '.tandem-data'
  );
  const seedFile = values.seed ? path.resolve(values.seed as string) : undefined;

  let preview: Awaited<ReturnType<typeof startPreview>>;
  try {
    preview = await startPreview({
      port: Number(rawPort),
      ...(values.host ? { host: values.host as string } : {}),
      dataDir,
      ...(seedFile ? { seedFile } : {}),
      reset: values.reset === true,
      ...(values['app-root'] ? { root: path.resolve(values['app-root'] as string) } : {})
    });
  } catch (e) {
    if (e instanceof SeedError) fail(e.message);
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE')
      fail(`Port ${rawPort} is in use: pass --port N (or PORT=N), or --port 0 for any free port.`);
    fail(err.message ?? String(e));
  }

  process.stdout.write(
    `Tandem preview running at ${preview.url}\n` +
      `  site: ${preview.meta.site.name} (data in ${dataDir})\n` +
      `  Ctrl+C to stop; changes are kept for the next start.\n`
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the preview…\n`);
    preview
      .close()
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        process.stderr.write(`${String(e)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
