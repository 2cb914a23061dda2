import type { Command } from 'commander';
import { globalsOf } from '../globals';

export function registerConfig(program: Command) {
  const config = program.command('config').description('inspect configuration ($RUSTYBT_HOME/config/config.yaml, .env, RUSTYBT_* variables)');
  config
    .command('schema')
    .description('print the JSON Schema of config.yaml (for editor completion)')
    .option('--output <file>', 'write the schema to a file instead of stdout')
    .action(async (opts: { output?: string }) => {
      const [{ writeFileAtomic }, { configFileJsonSchema }] = await Promise.all([import('@rustybt/ops'), import('@rustybt/paper-runner/config')]);
      const text = `${JSON.stringify(configFileJsonSchema(), null, 2)}\n`;
      if (opts.output) writeFileAtomic(opts.output, text);
      else process.stdout.write(text);
    });
  config
    .command('show')
    .description('print the effective configuration and where each value came from')
    .action(async (_opts: unknown, cmd: Command) => {
      const { loadEffectiveConfig } = await import('../load-config');
      const loaded = loadEffectiveConfig(cmd);
      if (globalsOf(cmd).json) {
        process.stdout.write(
          `${JSON.stringify({ home: loaded.layout.home, configFile: loaded.configFile ?? null, config: loaded.config, sources: loaded.sources }, null, 2)}\n`,
        );
        return;
      }
      const lines = [`home:        ${loaded.layout.home}`, `config file: ${loaded.configFile ?? '(none)'}`, ''];
      for (const [key, value] of Object.entries(loaded.config)) {
        // A section's keys can come from several layers: name each (file:line, env:NAME, flag), else default.
        const within = [
          ...new Set(
            Object.entries(loaded.sources)
              .filter(([k]) => k.startsWith(`${key}.`))
              .map(([, source]) => source),
          ),
        ];
        lines.push(`${key.padEnd(12)} ${JSON.stringify(value).padEnd(30)} ${loaded.sources[key] ?? (within.length > 0 ? within.join(', ') : 'default')}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
