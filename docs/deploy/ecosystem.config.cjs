// PM2 ecosystem file for a long-running paper-trading session:
//   pm2 start docs/deploy/ecosystem.config.cjs && pm2 save
// Restarting resumes the same --session from RUSTYBT_HOME/state/<session>.db.
// Checked (it loads, its script exists) by apps/cli/e2e/systemd-units.test.ts.
module.exports = {
  apps: [
    {
      name: 'rustybt-paper',
      script: 'apps/paper-runner/bin/main.js',
      args: ['--strategy', 'examples/sma-crossover.ts', '--session', 'sma-paper', '--heartbeat', '10s', '--port', '9464'],
      cwd: __dirname + '/../..',
      interpreter: 'node',
      // One process per session: cluster mode or `-i max` would start several runners on one state file.
      exec_mode: 'fork',
      instances: 1,
      env: { RUSTYBT_HOME: process.env.RUSTYBT_HOME || `${process.env.HOME}/.rustybt`, NODE_ENV: 'production' },
      // Restart on every exit, crash or not, without giving up.
      autorestart: true,
      max_restarts: 1000000,
      restart_delay: 2000,
      // Stop = SIGINT, then up to kill_timeout ms for the final checkpoint and session_stop before SIGKILL.
      kill_timeout: 30000,
      // The runner writes its own JSON heartbeat log (owner-only, under RUSTYBT_HOME/logs); PM2's copy of
      // stdout/stderr (~/.pm2/logs) is only for diagnosis.
      merge_logs: true,
      time: false,
    },
  ],
};
