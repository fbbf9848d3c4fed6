-- Platform foundation (P1 P3 P5 P6 P7 P8): organizations, users, memberships, invitations, API keys,
-- notifications, preferences, audit log, job runs. Every table has RLS and policies; tenant tables carry
-- org_id and are reachable only by members of that organization.

create extension if not exists pg_trgm;

create schema if not exists app;
create schema if not exists app_private;
grant usage on schema app to anon, authenticated, service_role;
grant usage on schema app_private to service_role;
grant usage on schema public to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- helpers
-- ---------------------------------------------------------------------------------------------
create or replace function app.touch_updated_at() returns trigger
language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create or replace function app.is_valid_timezone(tz text) returns boolean
language plpgsql immutable as $$
begin
  perform now() at time zone tz;
  return true;
exception when others then
  return false;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- organizations
-- ---------------------------------------------------------------------------------------------
create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  timezone text not null default 'UTC' check (app.is_valid_timezone(timezone)),
  send_window_start time not null default '09:00',
  send_window_end time not null default '17:00',
  send_days smallint[] not null default '{1,2,3,4,5}' check (send_days <@ '{1,2,3,4,5,6,7}'::smallint[] and cardinality(send_days) >= 1),
  business_context jsonb not null default '{}'::jsonb check (jsonb_typeof(business_context) = 'object'),
  postal_address text check (char_length(postal_address) <= 500),
  plan text not null default 'free' check (plan in ('free', 'pro', 'enterprise')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (send_window_start < send_window_end)
);
create trigger organizations_touch before update on public.organizations for each row execute function app.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- users (profile of auth.users) and memberships
-- ---------------------------------------------------------------------------------------------
create table public.users (
  id uuid primary key references auth.users(id) on delete cascade,
  email text not null check (char_length(email) <= 320),
  full_name text check (char_length(full_name) <= 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_idx on public.users (lower(email));
create trigger users_touch before update on public.users for each row execute function app.touch_updated_at();

create table public.memberships (
  org_id uuid not null references public.organizations(id) on delete cascade,
  user_id uuid not null references public.users(id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'member')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index memberships_user_idx on public.memberships (user_id);
create trigger memberships_touch before update on public.memberships for each row execute function app.touch_updated_at();

-- The organizations the caller may act in: their memberships, narrowed to the `org_id` claim when the
-- request carries one (the active organization of a session, or the organization of an API key).
create or replace function app.user_org_ids() returns setof uuid
language sql stable security definer set search_path = '' as $$
  select m.org_id
  from public.memberships m
  where m.user_id = auth.uid()
    and (nullif(auth.jwt() ->> 'org_id', '') is null or m.org_id = (auth.jwt() ->> 'org_id')::uuid)
$$;

create or replace function app.has_org_role(p_org uuid, p_roles text[]) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.memberships m
    where m.org_id = p_org and m.user_id = auth.uid() and m.role = any (p_roles)
      and (nullif(auth.jwt() ->> 'org_id', '') is null or m.org_id = (auth.jwt() ->> 'org_id')::uuid)
  )
$$;

create or replace function app.is_org_admin(p_org uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select app.has_org_role(p_org, array['owner', 'admin'])
$$;

grant execute on function app.user_org_ids(), app.has_org_role(uuid, text[]), app.is_org_admin(uuid) to authenticated, service_role;

-- Owners are protected: only an owner may make or unmake an owner, and the last owner can be neither
-- removed nor demoted. The organization row is locked so two concurrent demotions cannot both pass.
create or replace function app.memberships_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := auth.uid();
begin
  if not exists (select 1 from public.organizations where id = old.org_id) then
    return case when tg_op = 'DELETE' then old else new end; -- the organization itself is being deleted
  end if;
  perform 1 from public.organizations where id = old.org_id for update;
  if tg_op = 'UPDATE' and new.role is not distinct from old.role then
    return new;
  end if;
  if actor is not null and (old.role = 'owner' or (tg_op = 'UPDATE' and new.role = 'owner'))
     and actor <> old.user_id
     and not exists (select 1 from public.memberships m where m.org_id = old.org_id and m.user_id = actor and m.role = 'owner') then
    raise exception 'FORBIDDEN: Only an owner can change an owner''s role or make someone an owner.';
  end if;
  if old.role = 'owner' and (tg_op = 'DELETE' or new.role <> 'owner')
     and not exists (select 1 from public.memberships m where m.org_id = old.org_id and m.role = 'owner' and m.user_id <> old.user_id) then
    raise exception 'CONFLICT: An organization needs at least one owner. Make someone else an owner first.';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
create trigger memberships_guard before update or delete on public.memberships for each row execute function app.memberships_guard();

-- ---------------------------------------------------------------------------------------------
-- invitations
-- ---------------------------------------------------------------------------------------------
create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  email text not null check (email ~ '^[^@\s]+@[^@\s]+$' and char_length(email) <= 320),
  role text not null check (role in ('owner', 'admin', 'member')),
  token_hash text not null unique,
  invited_by uuid references public.users(id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references public.users(id) on delete set null,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index invitations_pending_idx on public.invitations (org_id, lower(email)) where accepted_at is null and revoked_at is null;
create index invitations_org_idx on public.invitations (org_id, created_at desc);

-- ---------------------------------------------------------------------------------------------
-- API keys (only a SHA-256 of the key is stored; the key is shown once)
-- ---------------------------------------------------------------------------------------------
create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 100),
  prefix text not null unique,
  key_hash text not null unique,
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_org_idx on public.api_keys (org_id, created_at desc);

-- ---------------------------------------------------------------------------------------------
-- notifications and preferences (P7)
-- ---------------------------------------------------------------------------------------------
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  user_id uuid not null references public.users(id) on delete cascade,
  type text not null check (type in ('welcome', 'pipeline_complete', 'scheduled_run', 'requalification', 'reply', 'approval_needed', 'weekly_digest', 'system')),
  title text not null check (char_length(title) <= 300),
  body text check (char_length(body) <= 5000),
  action_url text check (action_url is null or action_url ~ '^/'),
  in_app boolean not null default true,
  read_at timestamptz,
  emailed_at timestamptz,
  created_at timestamptz not null default now()
);
create index notifications_user_idx on public.notifications (user_id, org_id, created_at desc);
create index notifications_unread_idx on public.notifications (user_id, org_id) where read_at is null and in_app;

create table public.notification_preferences (
  org_id uuid not null references public.organizations(id) on delete cascade,
  user_id uuid not null references public.users(id) on delete cascade,
  prefs jsonb not null default '{}'::jsonb check (jsonb_typeof(prefs) = 'object'),
  updated_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create trigger notification_preferences_touch before update on public.notification_preferences for each row execute function app.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- audit log (P8): append-only for members, readable by owners and admins
-- ---------------------------------------------------------------------------------------------
create table public.audit_log (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  actor_id uuid references public.users(id) on delete set null,
  actor_type text not null default 'user' check (actor_type in ('user', 'api_key', 'system')),
  action text not null check (action ~ '^[a-z_]+\.[a-z_.]+$'),
  target_type text,
  target_id text,
  metadata jsonb not null default '{}'::jsonb,
  ip text,
  created_at timestamptz not null default now()
);
create index audit_log_org_idx on public.audit_log (org_id, created_at desc);

-- ---------------------------------------------------------------------------------------------
-- job runs (P5): the local runner's queue and, in both modes, the record the Jobs page shows
-- ---------------------------------------------------------------------------------------------
create table public.job_runs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid references public.organizations(id) on delete cascade,
  task_id text not null check (task_id ~ '^[a-z0-9-]+\.[a-z0-9-]+$'),
  payload jsonb not null default '{}'::jsonb,
  idempotency_key text,
  external_id text unique,
  status text not null default 'queued' check (status in ('queued', 'running', 'retrying', 'succeeded', 'failed', 'cancelled')),
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 3 check (max_attempts between 1 and 20),
  run_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  duration_ms integer,
  error text,
  output jsonb,
  locked_by text,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  unique (task_id, idempotency_key)
);
create index job_runs_due_idx on public.job_runs (run_at) where status in ('queued', 'retrying');
create index job_runs_org_idx on public.job_runs (org_id, created_at desc);
create index job_runs_created_idx on public.job_runs (created_at desc);

-- ---------------------------------------------------------------------------------------------
-- service-only tables
-- ---------------------------------------------------------------------------------------------
create table app_private.rate_limits (
  bucket text not null,
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (bucket, window_start)
);
create index rate_limits_window_idx on app_private.rate_limits (window_start);

-- Local mode's dev mailbox: every email the app sends is captured here instead of leaving the machine.
create table app_private.dev_mailbox (
  id uuid primary key default gen_random_uuid(),
  org_id uuid references public.organizations(id) on delete cascade,
  feature text not null,
  from_address text not null,
  to_addresses text[] not null,
  subject text not null default '',
  html text,
  text text,
  headers jsonb not null default '{}'::jsonb,
  raw text,
  message_id text,
  created_at timestamptz not null default now()
);
create index dev_mailbox_created_idx on app_private.dev_mailbox (created_at desc);

-- ---------------------------------------------------------------------------------------------
-- privileges
-- ---------------------------------------------------------------------------------------------
revoke all on all tables in schema public from anon;
grant select, insert, update, delete on public.organizations, public.users, public.memberships, public.invitations,
  public.api_keys, public.notifications, public.notification_preferences, public.audit_log, public.job_runs
  to authenticated;
grant all on all tables in schema public to service_role;
grant all on all tables in schema app_private to service_role;

-- ---------------------------------------------------------------------------------------------
-- row level security
-- ---------------------------------------------------------------------------------------------
alter table public.organizations enable row level security;
alter table public.users enable row level security;
alter table public.memberships enable row level security;
alter table public.invitations enable row level security;
alter table public.api_keys enable row level security;
alter table public.notifications enable row level security;
alter table public.notification_preferences enable row level security;
alter table public.audit_log enable row level security;
alter table public.job_runs enable row level security;
alter table app_private.rate_limits enable row level security;
alter table app_private.dev_mailbox enable row level security;

create policy "organizations: authenticated can select member orgs" on public.organizations
  for select to authenticated using (id in (select app.user_org_ids()));
create policy "organizations: authenticated can update as admin" on public.organizations
  for update to authenticated using (app.is_org_admin(id)) with check (app.is_org_admin(id));

create policy "users: authenticated can select self and co-members" on public.users
  for select to authenticated using (
    id = auth.uid() or id in (select m.user_id from public.memberships m where m.org_id in (select app.user_org_ids()))
  );
create policy "users: authenticated can update self" on public.users
  for update to authenticated using (id = auth.uid()) with check (id = auth.uid());

create policy "memberships: authenticated can select member orgs" on public.memberships
  for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "memberships: authenticated can update as admin" on public.memberships
  for update to authenticated using (app.is_org_admin(org_id)) with check (app.is_org_admin(org_id));
create policy "memberships: authenticated can delete as admin or self" on public.memberships
  for delete to authenticated using (app.is_org_admin(org_id) or (user_id = auth.uid() and org_id in (select app.user_org_ids())));

create policy "invitations: authenticated can select as admin" on public.invitations
  for select to authenticated using (app.is_org_admin(org_id));
create policy "invitations: authenticated can insert as admin" on public.invitations
  for insert to authenticated with check (app.is_org_admin(org_id) and invited_by = auth.uid());
create policy "invitations: authenticated can update as admin" on public.invitations
  for update to authenticated using (app.is_org_admin(org_id)) with check (app.is_org_admin(org_id));

create policy "api_keys: authenticated can select as admin" on public.api_keys
  for select to authenticated using (app.is_org_admin(org_id));
create policy "api_keys: authenticated can insert as admin" on public.api_keys
  for insert to authenticated with check (app.is_org_admin(org_id) and created_by = auth.uid());
create policy "api_keys: authenticated can update as admin" on public.api_keys
  for update to authenticated using (app.is_org_admin(org_id)) with check (app.is_org_admin(org_id));

create policy "notifications: authenticated can select own" on public.notifications
  for select to authenticated using (user_id = auth.uid() and org_id in (select app.user_org_ids()));
create policy "notifications: authenticated can update own" on public.notifications
  for update to authenticated using (user_id = auth.uid() and org_id in (select app.user_org_ids()))
  with check (user_id = auth.uid() and org_id in (select app.user_org_ids()));
create policy "notifications: authenticated can delete own" on public.notifications
  for delete to authenticated using (user_id = auth.uid() and org_id in (select app.user_org_ids()));

create policy "notification_preferences: authenticated can select own" on public.notification_preferences
  for select to authenticated using (user_id = auth.uid() and org_id in (select app.user_org_ids()));
create policy "notification_preferences: authenticated can insert own" on public.notification_preferences
  for insert to authenticated with check (user_id = auth.uid() and org_id in (select app.user_org_ids()));
create policy "notification_preferences: authenticated can update own" on public.notification_preferences
  for update to authenticated using (user_id = auth.uid() and org_id in (select app.user_org_ids()))
  with check (user_id = auth.uid() and org_id in (select app.user_org_ids()));

create policy "audit_log: authenticated can select as admin" on public.audit_log
  for select to authenticated using (app.is_org_admin(org_id));
create policy "audit_log: authenticated can insert own actions" on public.audit_log
  for insert to authenticated with check (org_id in (select app.user_org_ids()) and actor_id = auth.uid());

create policy "job_runs: authenticated can select as admin" on public.job_runs
  for select to authenticated using (
    (org_id is not null and app.is_org_admin(org_id))
    or (org_id is null and exists (select 1 from public.memberships m where m.user_id = auth.uid() and m.role in ('owner', 'admin')))
  );

create policy "rate_limits: service_role can all" on app_private.rate_limits
  for all to service_role using (true) with check (true);
create policy "dev_mailbox: service_role can all" on app_private.dev_mailbox
  for all to service_role using (true) with check (true);

-- Queue a job (local runner) or record a Trigger.dev run (cloud) inside the caller's transaction.
-- Users may queue work only for organizations they belong to; jobs and webhooks run as service_role.
create or replace function app.enqueue_job(
  p_task_id text, p_payload jsonb, p_org_id uuid, p_idempotency_key text, p_max_attempts integer,
  p_run_at timestamptz, p_external_id text
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  if coalesce(auth.jwt() ->> 'role', '') <> 'service_role'
     and (p_org_id is null or not exists (select 1 from app.user_org_ids() o where o = p_org_id)) then
    raise exception 'FORBIDDEN: You cannot start work for that organization.';
  end if;
  insert into public.job_runs (task_id, payload, org_id, idempotency_key, max_attempts, run_at, external_id)
  values (p_task_id, coalesce(p_payload, '{}'::jsonb), p_org_id, p_idempotency_key, p_max_attempts, p_run_at, p_external_id)
  on conflict (task_id, idempotency_key) do nothing
  returning id into v_id;
  if v_id is null then
    select id into v_id from public.job_runs where task_id = p_task_id and idempotency_key = p_idempotency_key;
  end if;
  return v_id;
end
$$;
grant execute on function app.enqueue_job(text, jsonb, uuid, text, integer, timestamptz, text) to authenticated, service_role;
