import { Command } from 'commander';
import { CHAMPION_ALIAS, trackingClientFor } from '@topicops/pipeline';
import { runCommand } from '../run-command';

export function modelsCommand(): Command {
  return new Command('models')
    .description('list the registered model versions and which one is the champion')
    .action(async () =>
      runCommand('models', async ({ config }) => {
        const tracking = trackingClientFor(config);
        const versions = await tracking.listModelVersions(config.modelName).catch(() => []);
        const champion = await tracking.getAlias(config.modelName, CHAMPION_ALIAS).catch(() => null);
        return {
          summary: {
            model_name: config.modelName,
            champion: champion?.version ?? null,
            versions: versions.map((v) => ({ version: v.version, run_id: v.runId, source: v.source })),
          },
        };
      }),
    );
}
