"""atlas: a pnpm + Turborepo TypeScript monorepo (Next.js app, UI kit) with .claude commands and agents."""

# ruff: noqa: E501  (the strings below are other repos' files; their long lines are part of the realism)
from __future__ import annotations

import json

from ._text import dedent

NAME = "atlas"

FILES: dict[str, str] = {}


def _package(name: str, scripts: dict[str, str], **extra: object) -> str:
    """A package.json as people write them: name, private, scripts, a few extras."""
    return json.dumps({"name": name, "version": "0.0.0", "private": True, **extra, "scripts": scripts}, indent=2) + "\n"


FILES["package.json"] = _package(
    "atlas",
    {
        "dev": "turbo run dev --filter=web...",
        "build": "turbo run build",
        "lint": "turbo run lint",
        "typecheck": "turbo run typecheck",
        "test": "turbo run test",
        "test:e2e": "pnpm --filter web exec playwright test",
        "changeset": "changeset",
        "release": "turbo run build --filter=./packages/* && changeset publish",
        "db:generate": "pnpm --filter @atlas/db exec drizzle-kit generate",
        "db:migrate": "pnpm --filter @atlas/db exec drizzle-kit migrate",
        "db:seed": "tsx scripts/seed.ts",
        "gen:api": "openapi-typescript https://api.atlas.so/openapi.json -o packages/sdk/src/schema.d.ts",
        "i18n:extract": "formatjs extract 'apps/web/src/**/*.tsx' --out-file apps/web/messages/en.json",
        "analyze": "ANALYZE=true pnpm --filter web build",
        "env:pull": "vercel env pull apps/web/.env.local --environment=development",
        "knip": "knip",
    },
    packageManager="pnpm@9.12.0",
    devDependencies={"turbo": "^2.1.0", "@changesets/cli": "^2.27.0", "knip": "^5.30.0", "tsx": "^4.19.0"},
)

FILES["apps/web/package.json"] = _package(
    "web",
    {
        "dev": "next dev --turbo",
        "build": "next build",
        "lint": "next lint",
        "test": "vitest run",
        "e2e": "playwright test",
    },
)

FILES["packages/ui/package.json"] = _package(
    "@atlas/ui",
    {
        "build": "tsup",
        "storybook": "storybook dev -p 6006",
        "test": "vitest run",
    },
)

FILES["CLAUDE.md"] = dedent(
    """
    # Atlas monorepo

    - `apps/web` Next.js 15 app router; `packages/ui` design system (Radix + Tailwind);
      `packages/db` Drizzle schema; `packages/sdk` public API client.
    - Before committing: `pnpm lint && pnpm typecheck && pnpm test`.
    - Every user-facing change needs a changeset (`pnpm changeset`).
    - Strings go through `useTranslations()`; never hardcode copy.
    - Do not edit `packages/sdk/src/schema.d.ts` by hand.
    """
)

FILES["scripts/seed.ts"] = dedent(
    """
    #!/usr/bin/env tsx
    /**
     * Demo workspaces, users and projects for a local database.
     * Wipes the public schema first unless --append is passed.
     */
    import { parseArgs } from 'node:util';
    import { db, schema } from '@atlas/db';

    const { values } = parseArgs({ options: { append: { type: 'boolean' }, workspaces: { type: 'string', default: '3' } } });

    async function main() {
      if (!values.append) await db.execute('truncate workspaces cascade');
      for (let i = 0; i < Number(values.workspaces); i++) {
        await db.insert(schema.workspaces).values({ name: `Demo ${i + 1}` });
      }
    }

    main();
    """
)

FILES["scripts/check-bundle-size.mjs"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Compares first-load JS per route in apps/web/.next/build-manifest.json with budgets.json.
     * Exits 1 if a route is over budget. Run after `pnpm build`.
     */
    import fs from 'node:fs';

    const budgets = JSON.parse(fs.readFileSync('budgets.json', 'utf8'));
    const manifest = JSON.parse(fs.readFileSync('apps/web/.next/build-manifest.json', 'utf8'));
    let failed = false;
    for (const [route, limitKb] of Object.entries(budgets)) {
      const files = manifest.pages[route] ?? [];
      const kb = files.reduce((n, f) => n + fs.statSync(`apps/web/.next/${f}`).size, 0) / 1024;
      if (kb > limitKb) { console.error(`${route}: ${kb.toFixed(0)} kB > ${limitKb} kB`); failed = true; }
    }
    process.exit(failed ? 1 : 0);
    """
)

FILES["scripts/purge-cdn.ts"] = dedent(
    """
    #!/usr/bin/env tsx
    /**
     * Cloudflare cache purge for atlas.so. Pass URLs/prefixes, or --everything.
     * Needs CF_API_TOKEN with Zone.Cache Purge.
     */
    import { Command } from 'commander';

    const program = new Command('purge-cdn')
      .argument('[urls...]', 'absolute URLs or prefixes')
      .option('--everything', 'purge the whole zone')
      .option('--zone <id>', 'zone id', process.env.CF_ZONE_ID)
      .action(async (urls: string[], opts) => {
        const body = opts.everything ? { purge_everything: true } : { files: urls };
        await fetch(`https://api.cloudflare.com/client/v4/zones/${opts.zone}/purge_cache`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${process.env.CF_API_TOKEN}` },
          body: JSON.stringify(body),
        });
      });

    program.parse();
    """
)

FILES["scripts/sync-translations.mjs"] = dedent(
    """
    #!/usr/bin/env node
    /**
     * Crowdin -> apps/web/messages/<locale>.json. Use --upload to push new source strings first.
     */
    import { Command } from 'commander';

    new Command('sync-translations')
      .option('--upload', 'upload en.json before downloading')
      .option('-l, --locale <code...>', 'only these locales (de, fr, es, ja)')
      .action(async (opts) => {
        console.log('syncing', opts);
      })
      .parse();
    """
)

FILES["scripts/backfill-search.ts"] = dedent(
    """
    #!/usr/bin/env tsx
    /**
     * Re-push every project and doc to Algolia (index `atlas_prod_projects`).
     * Run after changing index settings or if the sync worker was down.
     */
    import algoliasearch from 'algoliasearch';

    const client = algoliasearch(process.env.ALGOLIA_APP_ID!, process.env.ALGOLIA_ADMIN_KEY!);
    console.log('reindexing', client.appId);
    """
)

FILES["scripts/create-admin.ts"] = dedent(
    """
    #!/usr/bin/env tsx
    // usage: tsx scripts/create-admin.ts <email> [--workspace slug] [--revoke]
    import { parseArgs } from 'node:util';

    const { positionals, values } = parseArgs({
      allowPositionals: true,
      options: { workspace: { type: 'string' }, revoke: { type: 'boolean' } },
    });
    console.log(positionals[0], values);
    """
)

FILES["scripts/rotate-api-keys.ts"] = dedent(
    """
    #!/usr/bin/env tsx
    /**
     * Regenerates a workspace's public API keys and emails the owners. Old keys keep working for 24h.
     */
    import { parseArgs } from 'node:util';

    const { values } = parseArgs({ options: { workspace: { type: 'string' }, 'grace-hours': { type: 'string', default: '24' } } });
    console.log(values);
    """
)

FILES[".claude/commands/new-component.md"] = dedent(
    """
    ---
    description: Add a primitive to packages/ui with a story, a test and an export
    argument-hint: "<ComponentName>"
    ---

    Create `packages/ui/src/$ARGUMENTS/$ARGUMENTS.tsx` using Radix where a primitive exists, variants
    with `cva`, a `$ARGUMENTS.stories.tsx` covering every variant, a vitest + testing-library test,
    and export it from `packages/ui/src/index.ts`.
    """
)

FILES[".claude/commands/add-locale-string.md"] = dedent(
    """
    ---
    description: Move hardcoded copy in the given files to messages/en.json
    ---

    For each file in $ARGUMENTS, replace literal user-facing text with `t('key')`, add keys to
    `apps/web/messages/en.json` (namespaced by route), then run `pnpm i18n:extract`.
    """
)

FILES[".claude/commands/changeset.md"] = dedent(
    """
    ---
    description: Write a .changeset entry for the current diff
    allowed-tools: Bash(git diff:*) Write
    ---

    Look at `git diff main...HEAD -- packages/`. For each changed package pick patch/minor/major
    (breaking = major) and write `.changeset/<slug>.md` with a one-line, user-facing summary.
    """
)

FILES[".claude/commands/fix-types.md"] = dedent(
    """
    ---
    description: Get `pnpm typecheck` green without `any` or ts-ignore
    allowed-tools: Bash(pnpm typecheck:*) Read Edit
    ---

    Run `pnpm typecheck`, fix the errors at their cause (narrowing, generics, correct imports).
    Never add `any`, `as unknown as`, or `@ts-ignore`.
    """
)

FILES[".claude/commands/upgrade-next.md"] = dedent(
    """
    ---
    description: Upgrade Next.js (and eslint-config-next, @next/*) across the workspace, following the codemods
    argument-hint: "[version]"
    ---

    1. `pnpm -r up next@$ARGUMENTS eslint-config-next@$ARGUMENTS`
    2. Run the official codemods: `npx @next/codemod@latest upgrade`.
    3. Read the upgrade guide for breaking changes; fix `pnpm build` and `pnpm test:e2e`.
    """
)

FILES[".claude/agents/a11y-reviewer.md"] = dedent(
    """
    ---
    name: a11y-reviewer
    description: Checks changed React components for WCAG 2.2 AA problems (labels, focus order, contrast, keyboard traps, aria misuse). Use after UI changes.
    tools: Read, Grep, Glob
    ---

    You review accessibility. For each changed `.tsx` file list problems with the WCAG criterion,
    the line, and a concrete fix. Check that every interactive element is reachable by keyboard
    and has an accessible name.
    """
)

FILES[".claude/agents/perf-reviewer.md"] = dedent(
    """
    ---
    name: perf-reviewer
    description: Looks for render and bundle regressions in a diff (client components that could be server components, heavy imports, missing memo on hot lists).
    tools: Read, Grep, Bash
    ---

    Flag heavy client-side imports (moment, lodash full, chart libs) and suggest dynamic imports.
    """
)

FILES["docs/deployment.md"] = dedent(
    """
    # Deployment

    `apps/web` deploys on Vercel: every PR gets a preview, `main` goes to production automatically.
    Environment variables are managed in the Vercel dashboard; pull them locally with `pnpm env:pull`.

    Database migrations (Neon Postgres) run in the `migrate` GitHub Action before the Vercel deploy:

    ```bash
    pnpm db:migrate
    ```

    Rollback: promote the previous deployment in Vercel (`vercel promote <url>`).
    """
)
