-- What Supabase provides and plain Postgres lacks. Applied only outside Supabase (local mode, tests),
-- never to a Supabase project. Every statement is idempotent: it runs on every start.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- The connecting role must be able to switch to these (it is a superuser locally; on a real server
-- where it is not, grant membership so `set local role` works).
do $$
begin
  execute format('grant anon, authenticated, service_role to %I', current_user);
exception when others then null;
end
$$;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table if not exists auth.users (
  id uuid primary key default gen_random_uuid(),
  email text,
  encrypted_password text,
  email_confirmed_at timestamptz,
  raw_user_meta_data jsonb not null default '{}'::jsonb,
  raw_app_meta_data jsonb not null default '{}'::jsonb,
  last_sign_in_at timestamptz,
  banned_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index if not exists users_email_key on auth.users (lower(email));
alter table auth.users enable row level security;
grant select on auth.users to service_role;
grant insert, update, delete on auth.users to service_role;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;

-- Local sign-in (local mode only): sessions and password-reset tokens. Supabase Auth keeps its own.
create schema if not exists local_auth;
revoke all on schema local_auth from public;
grant usage on schema local_auth to service_role;

create table if not exists local_auth.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  user_agent text,
  ip text
);
create index if not exists sessions_user_idx on local_auth.sessions (user_id);
create index if not exists sessions_expires_idx on local_auth.sessions (expires_at);

create table if not exists local_auth.password_resets (
  token_hash text primary key,
  user_id uuid not null references auth.users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);

alter table local_auth.sessions enable row level security;
alter table local_auth.password_resets enable row level security;
grant select, insert, update, delete on all tables in schema local_auth to service_role;

do $$
begin
  if not exists (select 1 from pg_policies where schemaname = 'local_auth' and tablename = 'sessions') then
    create policy "sessions: service_role can all" on local_auth.sessions for all to service_role using (true) with check (true);
  end if;
  if not exists (select 1 from pg_policies where schemaname = 'local_auth' and tablename = 'password_resets') then
    create policy "password_resets: service_role can all" on local_auth.password_resets for all to service_role using (true) with check (true);
  end if;
  if not exists (select 1 from pg_policies where schemaname = 'auth' and tablename = 'users') then
    create policy "users: service_role can all" on auth.users for all to service_role using (true) with check (true);
  end if;
end
$$;
