#!/usr/bin/env node
/**
 * kmctl: KareMatch operations CLI.
 *
 * Thin wrapper around kubectl for the KareMatch GKE clusters: port-forward the Postgres
 * cluster, tail service logs, list pods, run the Prisma migration Job and roll out releases.
 * Always pass --env; production commands that change state ask for confirmation unless
 * --force is given.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const readline = require('node:readline/promises');
const { Command } = require('commander');

const CONTEXTS = {
  staging: 'gke_karematch-staging_us-central1_km-staging',
  prod: 'gke_karematch-prod_us-central1_km-prod',
};
const APP_NS = 'karematch';
const DATA_NS = 'karematch-data';

function kubectl(env, args, opts = {}) {
  const context = CONTEXTS[env];
  if (!context) throw new Error(`unknown env "${env}" (use staging or prod)`);
  const full = ['--context', context, ...args];
  if (opts.dryRun) {
    console.log(`kubectl ${full.join(' ')}`);
    return 0;
  }
  return spawnSync('kubectl', full, { stdio: 'inherit' }).status ?? 1;
}

async function confirm(env, what, force) {
  if (env !== 'prod' || force) return;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`About to ${what} in PRODUCTION. Type "prod" to continue: `);
  rl.close();
  if (answer.trim() !== 'prod') {
    console.error('aborted');
    process.exit(1);
  }
}

const program = new Command();
program
  .name('kmctl')
  .description('KareMatch operations CLI (kubectl wrapper for the GKE clusters)')
  .version('2.4.0')
  .requiredOption('-e, --env <env>', 'target environment: staging or prod');

program
  .command('db-forward')
  .description('Port-forward the Postgres primary (svc/km-pg-rw) to localhost')
  .option('-p, --port <port>', 'local port', '15432')
  .action((opts) => {
    const { env } = program.opts();
    process.exit(kubectl(env, ['-n', DATA_NS, 'port-forward', 'svc/km-pg-rw', `${opts.port}:5432`]));
  });

program
  .command('pods')
  .description('List pods of the app namespace with their restart counts')
  .action(() => {
    process.exit(kubectl(program.opts().env, ['-n', APP_NS, 'get', 'pods', '-o', 'wide']));
  });

program
  .command('logs <service>')
  .description('Tail logs of a deployment (api, web, worker)')
  .option('--since <duration>', 'how far back to start, e.g. 10m or 1h', '10m')
  .option('--previous', 'logs of the previous (crashed) container')
  .action((service, opts) => {
    const args = ['-n', APP_NS, 'logs', `deploy/karematch-${service}`, `--since=${opts.since}`, '--all-containers'];
    if (opts.previous) args.push('--previous');
    else args.push('-f');
    process.exit(kubectl(program.opts().env, args));
  });

program
  .command('migrate')
  .description('Run "prisma migrate deploy" as a one-off Kubernetes Job with the current API image')
  .option('--force', 'skip the production confirmation prompt')
  .option('--dry-run', 'print the kubectl commands without running them')
  .action(async (opts) => {
    const { env } = program.opts();
    await confirm(env, 'apply Prisma migrations', opts.force || opts.dryRun);
    const job = `karematch-migrate-${Date.now()}`;
    let rc = kubectl(env, ['-n', APP_NS, 'create', 'job', job, '--from=cronjob/karematch-migrate'], { dryRun: opts.dryRun });
    if (rc === 0) rc = kubectl(env, ['-n', APP_NS, 'wait', '--for=condition=complete', `job/${job}`, '--timeout=300s'], { dryRun: opts.dryRun });
    if (rc === 0) rc = kubectl(env, ['-n', APP_NS, 'logs', `job/${job}`], { dryRun: opts.dryRun });
    process.exit(rc);
  });

program
  .command('rollout <service>')
  .description('Restart a deployment and wait until it is healthy')
  .option('--force', 'skip the production confirmation prompt')
  .action(async (service, opts) => {
    const { env } = program.opts();
    await confirm(env, `restart karematch-${service}`, opts.force);
    let rc = kubectl(env, ['-n', APP_NS, 'rollout', 'restart', `deploy/karematch-${service}`]);
    if (rc === 0) rc = kubectl(env, ['-n', APP_NS, 'rollout', 'status', `deploy/karematch-${service}`, '--timeout=180s']);
    process.exit(rc);
  });

program.parseAsync(process.argv);
