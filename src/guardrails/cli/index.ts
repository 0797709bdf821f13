import { langOf, parseArgs, type Format, type Options } from './args';
import { checkPage, loadPolicy } from './check';
import { discoverPages } from './discover';
import { InputError, fsReason } from './errors';
import { processIo, withDefaults, type CliIo, type FullIo } from './io';
import { CLI_MESSAGES, type CliMessages } from './messages';
import { EXIT, summarise, type Outcome } from './outcome';
import { jsonReport, singleJsonReport } from './report-json';
import { junitReport } from './report-junit';
import { sarifReport } from './report-sarif';
import { singleTextReport, summaryTable, textReport } from './report-text';

export { EXIT };
export type { CliIo };

function render(format: Format, outcome: Outcome, single: boolean): string {
  const page = outcome.pages[0];
  // One FILE named on its own keeps the report earlier versions printed, which scripts already parse.
  if (single && page?.ok === true) {
    if (format === 'text') return singleTextReport(page, outcome);
    if (format === 'json') return singleJsonReport(page, outcome.lang);
  }
  switch (format) {
    case 'text':
      return textReport(outcome);
    case 'json':
      return jsonReport(outcome);
    case 'sarif':
      return sarifReport(outcome);
    case 'junit':
      return junitReport(outcome);
  }
}

function run(options: Options, io: FullIo, messages: CliMessages): number {
  const policy = loadPolicy(options.policyFile, io);
  const { files, single } = discoverPages(options.paths, io, options.policyFile);
  const pages = files.map((file) => checkPage(file, policy, io));
  const outcome = summarise(pages, {
    policyVersion: policy.version,
    cwd: io.cwd(),
    lang: options.lang,
    messages
  });
  const first = pages[0];
  // One file that cannot be checked is an input error, as it always was: a message, no report.
  if (single && first !== undefined && !first.ok && options.output === undefined) throw first.error;
  const report = render(options.format, outcome, single);
  if (options.output === undefined) {
    io.stdout(report);
  } else {
    const output = options.output;
    try {
      io.writeFile(output, report);
    } catch (error) {
      throw new InputError((m) => m.cannotWrite(output, fsReason(error, m)));
    }
    // The CI log still shows the summary when the machine-readable report goes to a file.
    if (options.format !== 'text')
      io.stdout(`${summaryTable(outcome)}${messages.reportWritten(options.format, output)}\n`);
  }
  for (const page of pages)
    if (!page.ok) io.stderr(`${messages.prefix}${messages.colon} ${page.error.render(messages)}\n`);
  return outcome.exitCode;
}

export function main(argv: ReadonlyArray<string>, given: CliIo = processIo): number {
  const io = withDefaults(given);
  const messages = CLI_MESSAGES[langOf(argv)];
  try {
    const options = parseArgs(argv);
    if (options === 'help') {
      io.stdout(`${messages.usage}\n`);
      return EXIT.go;
    }
    return run(options, io, messages);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(
        `${messages.prefix}${messages.colon} ${error.render(messages)}\n${error.showUsage ? `${messages.usage}\n` : ''}`
      );
      return EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`${messages.prefix}${messages.colon} ${messages.internalError(detail)}\n`);
    return EXIT.internal;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
