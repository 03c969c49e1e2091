import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { migrateDatabase, openPersistence } from '@xianzhi/adapters';
import { evaluateSearch, formatReport, loadJudgedSet } from '../search-eval/evaluate.js';
import { createContainer } from '../composition/container.js';
import { resolve } from '../composition/token.js';
import { Identity } from '../composition/identity-tokens.js';
import { Search } from '../composition/search-tokens.js';
import { Recs } from '../composition/recommendations-tokens.js';
import { evaluateRecommendations, formatRecsReport } from '../recs-eval/evaluate.js';
import { DEFAULT_SIMULATION } from '../recs-eval/simulate.js';
import { Core } from '../composition/tokens.js';
import { Photos } from '../composition/photo-tokens.js';
import { DEFAULT_SEED_LISTINGS } from '../seed/seed-demo.js';
import { dropDatabase } from './database.js';
import { loadRuntime, migrate, open, seed } from './runtime.js';

const USAGE = `Usage: xianzhi <command>

  migrate                          apply committed database migrations (creates the database if missing)
  seed [--listings N] [--reset]    demo campus, categories, users and N listings (default ${DEFAULT_SEED_LISTINGS});
                                   skips listings when already seeded; --reset empties the database first
  reindex                          rebuild the search index of every campus from the live listings
  eval-recs [--students N] [--listings N] [--seed N]
                                   leave-one-out HR@10 and NDCG@10 of our recommender and of the original
                                   same-category one on a seeded simulated log (on a temporary SQLite database)
  recs-update                      fold new views and favorites into the recommendation signals (the worker
                                   does this every 30 s); safe to re-run
  eval-search                      recall@10 and MRR of our search and of a LIKE '%q%' baseline on the judged
                                   query set in bench/search (on a temporary SQLite database)
  expire                           mark listings past their lifetime as expired (the server also does this)
  cleanup-photos                   delete photos never attached to a listing for a day, and their files
                                   when no other photo shares them (the worker does this hourly)
  create-admin --username U --role super_admin|campus_admin [--campus ID]
                                   add a back-office account; the password is read from standard input
                                   (prompted for on a terminal), never from the command line
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 1;
  }
  const runtime = await loadRuntime();
  const { logger } = runtime;

  switch (command) {
    case 'migrate': {
      parseArgs({ args: rest, options: {}, strict: true });
      const applied = await migrate(runtime);
      process.stdout.write(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
          : 'Database schema is up to date.\n',
      );
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({
        args: rest,
        options: { listings: { type: 'string' }, reset: { type: 'boolean', default: false } },
        strict: true,
      });
      const listings = values.listings === undefined ? DEFAULT_SEED_LISTINGS : Number(values.listings);
      if (!Number.isInteger(listings) || listings < 0 || listings > 1_000_000) {
        process.stderr.write('--listings must be a whole number from 0 to 1000000\n');
        return 2;
      }
      if (values.reset) {
        logger.warn('--reset: dropping the database');
        await dropDatabase(runtime.config.databaseUrl);
      }
      await migrate(runtime);
      const persistence = await open(runtime);
      try {
        const report = await seed(persistence, logger, listings, runtime.config);
        process.stdout.write(
          report.listingsSkipped
            ? 'Already seeded: listings left as they are (use --reset to start over).\n'
            : `Seeded ${report.listingsCreated} listings, ${report.usersCreated} users, ${report.categoriesCreated} categories.\n`,
        );
        if (!report.listingsSkipped) {
          const { indexed } = await resolve(createContainer({ ...runtime, persistence }), Search.Rebuild).execute();
          process.stdout.write(`Search index built: ${indexed} live listings.\n`);
        }
      } finally {
        await persistence.close();
      }
      return 0;
    }
    case 'reindex': {
      parseArgs({ args: rest, options: {}, strict: true });
      await migrate(runtime);
      const persistence = await open(runtime);
      try {
        const started = Date.now();
        const { indexed } = await resolve(createContainer({ ...runtime, persistence }), Search.Rebuild).execute(
          (campusId, done) => {
            process.stdout.write(`  ${campusId}: ${done} listings indexed\n`);
          },
        );
        process.stdout.write(
          `Reindexed ${indexed} live listing(s) in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
        );
      } finally {
        await persistence.close();
      }
      return 0;
    }
    case 'eval-recs': {
      const { values } = parseArgs({
        args: rest,
        options: { students: { type: 'string' }, listings: { type: 'string' }, seed: { type: 'string' } },
        strict: true,
      });
      const options = {
        ...DEFAULT_SIMULATION,
        ...(values.students !== undefined && { students: Number(values.students) }),
        ...(values.listings !== undefined && { listings: Number(values.listings) }),
        ...(values.seed !== undefined && { seed: Number(values.seed) }),
      };
      if (
        ![options.students, options.listings, options.seed].every((n) => Number.isInteger(n) && n > 0) ||
        options.listings > 100_000
      ) {
        process.stderr.write('--students, --listings (up to 100000) and --seed must be positive whole numbers\n');
        return 2;
      }
      const dir = mkdtempSync(join(tmpdir(), 'xz-recs-eval-'));
      const url = `sqlite:${join(dir, 'eval.sqlite')}`;
      try {
        await migrateDatabase({ url });
        const persistence = await openPersistence({ url });
        try {
          const started = Date.now();
          const report = await evaluateRecommendations(persistence, options, (step) =>
            process.stdout.write(`  ${step}\n`),
          );
          process.stdout.write(
            `${formatRecsReport(report)}\n(seed ${options.seed}, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
          );
        } finally {
          await persistence.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return 0;
    }
    case 'recs-update': {
      parseArgs({ args: rest, options: {}, strict: true });
      await migrate(runtime);
      const persistence = await open(runtime);
      try {
        const started = Date.now();
        let last = 0;
        const done = await resolve(createContainer({ ...runtime, persistence }), Recs.UpdateSignals).execute((p) => {
          if (Date.now() - last < 1000) return;
          last = Date.now();
          process.stdout.write(`  ${p.views} views, ${p.events} events, ${p.pairs} pair updates\n`);
        });
        process.stdout.write(
          `Recommendation signals: ${done.views} view(s) and ${done.events} event(s) folded in, ${done.pairs} pair update(s), in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
        );
      } finally {
        await persistence.close();
      }
      return 0;
    }
    case 'eval-search': {
      parseArgs({ args: rest, options: {}, strict: true });
      const dir = mkdtempSync(join(tmpdir(), 'xz-search-eval-'));
      const url = `sqlite:${join(dir, 'eval.sqlite')}`;
      try {
        await migrateDatabase({ url });
        const persistence = await openPersistence({ url });
        try {
          const report = await evaluateSearch(persistence, loadJudgedSet(process.cwd()));
          process.stdout.write(`${formatReport(report)}\n`);
        } finally {
          await persistence.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return 0;
    }
    case 'expire': {
      parseArgs({ args: rest, options: {}, strict: true });
      const persistence = await open(runtime);
      try {
        const { expired } = await resolve(createContainer({ ...runtime, persistence }), Core.ExpireListings).execute();
        process.stdout.write(`Expired ${expired} listing(s).\n`);
      } finally {
        await persistence.close();
      }
      return 0;
    }
    case 'cleanup-photos': {
      parseArgs({ args: rest, options: {}, strict: true });
      const persistence = await open(runtime);
      try {
        const cleanup = resolve(createContainer({ ...runtime, persistence }), Photos.Cleanup);
        const { photos, files } = await cleanup.execute({
          onProgress: (n) => process.stderr.write(`  ${n} photo(s) deleted so far\n`),
        });
        process.stdout.write(`Deleted ${photos} unattached photo(s) and ${files} stored file(s).\n`);
      } finally {
        await persistence.close();
      }
      return 0;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        strict: true,
        options: { username: { type: 'string' }, role: { type: 'string' }, campus: { type: 'string' } },
      });
      if (!values.username || (values.role !== 'super_admin' && values.role !== 'campus_admin')) {
        process.stderr.write(
          'create-admin needs --username and --role super_admin|campus_admin (and --campus ID for a campus admin)\n',
        );
        return 2;
      }
      const password = await readPassword();
      await migrate(runtime);
      const persistence = await open(runtime);
      try {
        const created = await resolve(
          createContainer({ ...runtime, persistence }),
          Identity.CreateAdminAccount,
        ).execute({
          username: values.username,
          password,
          role: values.role,
          campusId: values.campus ?? null,
        });
        if (!created.ok) {
          process.stderr.write(`Not created: ${created.error.message}\n`);
          return 1;
        }
        const a = created.value;
        process.stdout.write(`Created ${a.role} "${a.username}"${a.campusId ? ` for campus ${a.campusId}` : ''}.\n`);
      } finally {
        await persistence.close();
      }
      return 0;
    }
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

/** The password from standard input: typed without echo on a terminal, or the first line of a pipe. */
async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) {
    process.stderr.write('Password (input hidden): ');
    input.setRawMode(true);
    let typed = '';
    const password = await new Promise<string>((resolveTyped, reject) => {
      input.on('data', (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return resolveTyped(typed);
          if (ch === '\u0003') return reject(new Error('cancelled'));
          typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
        }
      });
    });
    input.setRawMode(false);
    input.pause();
    process.stderr.write('\n');
    return password;
  }
  let text = '';
  for await (const chunk of input) text += chunk;
  return text.split(/\r?\n/)[0] ?? '';
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
