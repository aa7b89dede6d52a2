import { Command, CommanderError } from 'commander';
import { ExitCode } from '@topicops/config';
import { exportCommand, ingestCommand, preprocessCommand } from './commands/data';
import { migrateCommand } from './commands/migrate';
import { evaluateCommand, trainCommand } from './commands/model';
import { modelsCommand } from './commands/models';
import { pipelineCommand, pipelineStatusCommand } from './commands/pipeline';
import { benchLdaCommand, coherenceCommand } from './commands/tools';

export function buildProgram(): Command {
  const program = new Command('topicops')
    .description(
      'TopicOps pipeline stages. Each command prints progress on stderr and one JSON summary as the last line of ' +
        'stdout; exit 0 on success, 2 on bad input or usage, 1 on failure. Configuration comes from the environment ' +
        '(DATABASE_URL, TRACKING_URI, REDIS_URL, ...; see the README).',
    )
    .showHelpAfterError()
    .exitOverride();
  const commands = [
    migrateCommand(),
    ingestCommand(),
    preprocessCommand(),
    exportCommand(),
    trainCommand(),
    evaluateCommand(),
    pipelineCommand(),
    pipelineStatusCommand(),
    modelsCommand(),
    coherenceCommand(),
    benchLdaCommand(),
  ];
  for (const command of commands) {
    program.addCommand(command.exitOverride());
  }
  return program;
}

/** Parses and runs; commander's own usage errors become exit code 2 (its default is 1). */
export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpShown = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      process.exitCode = helpShown ? ExitCode.OK : ExitCode.USAGE;
      return;
    }
    throw error;
  }
}
