/**
 * Server start (Node runtime): validate the environment, and in local mode migrate the database, start
 * the in-process job runner and print where everything is. Cloud deployments migrate with
 * `supabase db push` and run jobs on Trigger.dev.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { boot } = await import('./src/boot');
  await boot();
}
