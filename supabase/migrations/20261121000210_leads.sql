-- Leads and companies (L1–L10): imports, lists, tags, custom field definitions, intent signals and the
-- intent tier (seed 001 rule), fit score with snapshots (seed 000), platform-upload tracking, and the
-- seed 001 view and functions. Builds on 20261121000200_leads_core.sql.

-- ---------------------------------------------------------------------------------------------
-- companies: intent tier (kept right by a trigger on intent_signals) and fit score
-- ---------------------------------------------------------------------------------------------
alter table public.companies
  add column intent_tier text not null default 'cold' check (intent_tier in ('hot', 'warm', 'cold')),
  add column intent_updated_at timestamptz,
  add column fit_score smallint check (fit_score between 1 and 10),
  add column fit_tier text generated always as (
    case when fit_score >= 8 then 'hot' when fit_score >= 5 then 'review' when fit_score >= 1 then 'rejected' end
  ) stored,
  add column fit_reasoning text check (char_length(fit_reasoning) <= 5000),
  add column fit_scored_at timestamptz;
create index companies_org_intent_idx on public.companies (org_id, intent_tier) where deleted_at is null;
create index companies_org_fit_idx on public.companies (org_id, fit_score) where deleted_at is null;
create index companies_org_created_idx on public.companies (org_id, created_at desc, id desc) where deleted_at is null;

-- ---------------------------------------------------------------------------------------------
-- leads: platform upload (seed 001), the import that created the lead, indexes for the table's
-- filters and sorts (keyset pagination on (key, id))
-- ---------------------------------------------------------------------------------------------
alter table public.leads
  add column platform_uploaded boolean not null default false,
  add column platform_uploaded_at timestamptz,
  add column platform_name text check (char_length(platform_name) <= 100),
  -- No foreign key on purpose: bulk imports insert tens of thousands of rows, and imports are kept.
  add column import_id uuid;
create index leads_org_name_idx on public.leads (org_id, lower(coalesce(full_name, email, '')), id) where deleted_at is null;
create index leads_org_company_name_idx on public.leads (org_id, lower(coalesce(company_name, '')), id) where deleted_at is null;
create index leads_org_country_idx on public.leads (org_id, country) where deleted_at is null;
create index leads_org_source_idx on public.leads (org_id, source) where deleted_at is null;
create index leads_org_deleted_idx on public.leads (org_id, deleted_at) where deleted_at is not null;
-- Status sort pages on (status, id); this index replaces the core migration's (org_id, status).
create index leads_org_status_id_idx on public.leads (org_id, status, id) where deleted_at is null;
drop index public.leads_org_status_idx;
-- Custom field filters only ever look for non-empty objects; most leads have none, so the index skips
-- them (imports of 100k leads without custom fields pay nothing for it). Replaces the core's full index.
create index leads_custom_fields_nonempty_idx on public.leads using gin (custom_fields jsonb_path_ops)
  where custom_fields <> '{}'::jsonb and deleted_at is null;
drop index public.leads_custom_fields_idx;

-- Search and custom-field filters as id sets. Under RLS, Postgres evaluates a user's conditions that
-- are not leakproof (LIKE, jsonb @>) only after the policy, never as index conditions, so the trigram and
-- jsonb indexes would sit unused. These functions run the indexed condition as the table owner, for one
-- organization the caller is a member of (checked here), and the table query joins on the ids.
create or replace function app.can_read_org(p_org uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(auth.jwt() ->> 'role', '') = 'service_role' or exists (select 1 from app.user_org_ids() o where o = p_org)
$$;

-- Every word is its own LIKE condition, so the trigram index intersects them (the rarest word decides).
create or replace function app.search_lead_ids(p_org uuid, p_patterns text[], p_deleted boolean default false) returns setof uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  q text := 'select l.id from public.leads l where l.org_id = $1 and (l.deleted_at is not null) = $3';
begin
  if not app.can_read_org(p_org) then
    return;
  end if;
  for i in 1 .. least(coalesce(array_length(p_patterns, 1), 0), 6) loop
    q := q || format(' and l.search_text like $2[%s]', i);
  end loop;
  return query execute q using p_org, p_patterns, p_deleted;
end
$$;

create or replace function app.custom_field_lead_ids(p_org uuid, p_filter jsonb) returns setof uuid
language sql stable security definer set search_path = '' as $$
  select l.id from public.leads l
  where app.can_read_org(p_org) and l.org_id = p_org and l.deleted_at is null
    and l.custom_fields <> '{}'::jsonb and l.custom_fields @> p_filter
$$;

revoke execute on function app.can_read_org(uuid), app.search_lead_ids(uuid, text[], boolean), app.custom_field_lead_ids(uuid, jsonb) from public, anon;
grant execute on function app.can_read_org(uuid), app.search_lead_ids(uuid, text[], boolean), app.custom_field_lead_ids(uuid, jsonb) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- lists and tags (L5)
-- ---------------------------------------------------------------------------------------------
create table public.lists (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  -- No ';' (the separator of the Lists column in exports and imports).
  name text not null check (char_length(btrim(name)) between 1 and 200 and name !~ '[;\r\n]'),
  description text check (char_length(description) <= 2000),
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index lists_org_name_idx on public.lists (org_id, lower(name));
create trigger lists_touch before update on public.lists for each row execute function app.touch_updated_at();

create table public.list_members (
  list_id uuid not null references public.lists(id) on delete cascade,
  lead_id uuid not null references public.leads(id) on delete cascade,
  org_id uuid not null references public.organizations(id) on delete cascade,
  added_at timestamptz not null default now(),
  primary key (list_id, lead_id)
);
create index list_members_lead_idx on public.list_members (lead_id);
create index list_members_org_idx on public.list_members (org_id);

create table public.tags (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  -- No ';' or ',' (the separators of the Tags column in exports and imports).
  name text not null check (char_length(btrim(name)) between 1 and 100 and name !~ '[;,\r\n]'),
  color text check (color ~ '^#[0-9a-f]{6}$'),
  created_at timestamptz not null default now()
);
create unique index tags_org_name_idx on public.tags (org_id, lower(name));

create table public.lead_tags (
  tag_id uuid not null references public.tags(id) on delete cascade,
  lead_id uuid not null references public.leads(id) on delete cascade,
  org_id uuid not null references public.organizations(id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (tag_id, lead_id)
);
create index lead_tags_lead_idx on public.lead_tags (lead_id);
create index lead_tags_org_idx on public.lead_tags (org_id);

-- ---------------------------------------------------------------------------------------------
-- custom field definitions (L5): per organization, typed; values live in leads.custom_fields
-- ---------------------------------------------------------------------------------------------
create table public.custom_field_definitions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,49}$'),
  label text not null check (char_length(btrim(label)) between 1 and 100),
  type text not null check (type in ('text', 'number', 'date', 'url')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, key)
);
create unique index custom_field_definitions_label_idx on public.custom_field_definitions (org_id, lower(label));
create trigger custom_field_definitions_touch before update on public.custom_field_definitions for each row execute function app.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- imports (L2): the uploaded file, its mapping and options, progress and counts, rejected rows
-- ---------------------------------------------------------------------------------------------
create table public.imports (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  created_by uuid references public.users(id) on delete set null,
  status text not null default 'uploaded' check (status in ('uploaded', 'queued', 'running', 'completed', 'failed')),
  file_name text not null check (char_length(file_name) between 1 and 255),
  file_type text not null check (file_type in ('csv', 'xlsx')),
  file_size bigint not null check (file_size >= 0),
  encoding text check (char_length(encoding) <= 40),
  delimiter text check (char_length(delimiter) <= 4),
  layout text check (char_length(layout) <= 60),
  headers jsonb not null default '[]'::jsonb check (jsonb_typeof(headers) = 'array'),
  -- { "columns": [ { "index", "header", "target" } ] }; target = a field key, "company.<field>" or "custom.<key>"
  mapping jsonb not null default '{}'::jsonb check (jsonb_typeof(mapping) = 'object'),
  -- { "dedupe": "skip" | "fill_empty" | "overwrite", "listId": uuid?, "tags": [names] }
  options jsonb not null default '{}'::jsonb check (jsonb_typeof(options) = 'object'),
  total_rows integer not null default 0 check (total_rows >= 0),
  -- The checkpoint: data rows fully written (committed with each batch); a retry continues after it.
  processed_rows integer not null default 0 check (processed_rows >= 0),
  created_count integer not null default 0 check (created_count >= 0),
  updated_count integer not null default 0 check (updated_count >= 0),
  skipped_duplicate_count integer not null default 0 check (skipped_duplicate_count >= 0),
  rejected_count integer not null default 0 check (rejected_count >= 0),
  suppressed_count integer not null default 0 check (suppressed_count >= 0),
  error text check (char_length(error) <= 2000),
  job_run_id uuid,
  attempts integer not null default 0 check (attempts >= 0),
  started_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index imports_org_created_idx on public.imports (org_id, created_at desc);
create trigger imports_touch before update on public.imports for each row execute function app.touch_updated_at();

-- The uploaded bytes, in the database so the local runner and a Trigger.dev worker can both read them.
create table public.import_files (
  import_id uuid primary key references public.imports(id) on delete cascade,
  org_id uuid not null references public.organizations(id) on delete cascade,
  -- gzip-compressed (CSV shrinks ~5×: less to send, store and hold in memory), or as uploaded.
  content bytea not null,
  content_encoding text not null default 'gzip' check (content_encoding in ('gzip', 'identity')),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now()
);
create index import_files_org_idx on public.import_files (org_id);

create table public.import_rejections (
  import_id uuid not null references public.imports(id) on delete cascade,
  org_id uuid not null references public.organizations(id) on delete cascade,
  -- The spreadsheet row number (the header is row 1).
  row_number integer not null check (row_number >= 1),
  reason text not null check (char_length(reason) <= 500),
  raw jsonb not null default '[]'::jsonb check (jsonb_typeof(raw) = 'array'),
  created_at timestamptz not null default now(),
  primary key (import_id, row_number)
);
create index import_rejections_org_idx on public.import_rejections (org_id);

-- ---------------------------------------------------------------------------------------------
-- intent signals (L7) and the intent tier rule of seed 001
-- ---------------------------------------------------------------------------------------------
create table public.intent_signals (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  company_id uuid not null references public.companies(id) on delete cascade,
  signal_type text not null check (char_length(btrim(signal_type)) between 1 and 300),
  strength text not null check (strength in ('high', 'medium', 'low')),
  detected_at timestamptz not null default now(),
  source text check (char_length(source) <= 200),
  created_at timestamptz not null default now()
);
create index intent_signals_company_idx on public.intent_signals (company_id, detected_at desc);
create index intent_signals_org_idx on public.intent_signals (org_id, detected_at desc);

-- hot: ≥3 high, or ≥2 high and ≥3 medium; warm: ≥1 high or ≥4 medium; else cold.
create or replace function app.intent_tier_for(p_high integer, p_medium integer) returns text
language sql immutable as $$
  select case
    when p_high >= 3 or (p_high >= 2 and p_medium >= 3) then 'hot'
    when p_high >= 1 or p_medium >= 4 then 'warm'
    else 'cold'
  end
$$;

create or replace function app.refresh_intent_tiers(p_company_ids uuid[]) returns void
language sql as $$
  update public.companies c
  set intent_tier = t.tier, intent_updated_at = now()
  from (
    select c2.id,
           app.intent_tier_for((count(s.id) filter (where s.strength = 'high'))::int,
                               (count(s.id) filter (where s.strength = 'medium'))::int) as tier
    from public.companies c2
    left join public.intent_signals s on s.company_id = c2.id
    where c2.id = any (p_company_ids)
    group by c2.id
  ) t
  where c.id = t.id and c.intent_tier is distinct from t.tier
$$;

create or replace function app.intent_signals_changed() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform app.refresh_intent_tiers(array(select distinct company_id from new_rows));
  elsif tg_op = 'DELETE' then
    perform app.refresh_intent_tiers(array(select distinct company_id from old_rows));
  else
    perform app.refresh_intent_tiers(array(select company_id from new_rows union select company_id from old_rows));
  end if;
  return null;
end
$$;
create trigger intent_signals_inserted after insert on public.intent_signals
  referencing new table as new_rows for each statement execute function app.intent_signals_changed();
create trigger intent_signals_updated after update on public.intent_signals
  referencing old table as old_rows new table as new_rows for each statement execute function app.intent_signals_changed();
create trigger intent_signals_deleted after delete on public.intent_signals
  referencing old table as old_rows for each statement execute function app.intent_signals_changed();

-- ---------------------------------------------------------------------------------------------
-- fit score history (L8): one snapshot per (re)qualification
-- ---------------------------------------------------------------------------------------------
create table public.company_snapshots (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  company_id uuid not null references public.companies(id) on delete cascade,
  score smallint not null check (score between 1 and 10),
  tier text not null check (tier in ('hot', 'review', 'rejected')),
  signals jsonb not null default '[]'::jsonb check (jsonb_typeof(signals) = 'array'),
  reasoning text check (char_length(reasoning) <= 5000),
  created_at timestamptz not null default now()
);
create index company_snapshots_company_idx on public.company_snapshots (company_id, created_at desc);
create index company_snapshots_org_idx on public.company_snapshots (org_id, created_at desc);

-- ---------------------------------------------------------------------------------------------
-- seed 001: intent breakdown view and lead functions (security invoker: RLS applies)
-- ---------------------------------------------------------------------------------------------
create view public.lead_intent_breakdown with (security_invoker = true) as
select l.org_id,
       (count(*) filter (where c.intent_tier = 'hot'))::int as hot_count,
       (count(*) filter (where c.intent_tier = 'warm'))::int as warm_count,
       (count(*) filter (where coalesce(c.intent_tier, 'cold') = 'cold'))::int as cold_count,
       count(*)::int as total_count,
       round(100.0 * count(*) filter (where c.intent_tier = 'hot') / count(*), 1) as hot_percentage,
       round(100.0 * count(*) filter (where c.intent_tier = 'warm') / count(*), 1) as warm_percentage
from public.leads l
left join public.companies c on c.id = l.company_id and c.deleted_at is null
where l.deleted_at is null
group by l.org_id;

create or replace function app.intent_rank(p_tier text) returns integer
language sql immutable as $$
  select case p_tier when 'hot' then 3 when 'warm' then 2 when 'cold' then 1 end
$$;

create or replace function public.get_leads_by_intent_score(p_org_id uuid, p_score text)
returns table (
  lead_id uuid, email text, full_name text, title text, company_id uuid, company_name text, domain text,
  industry text, intent_tier text, fit_score smallint, created_at timestamptz
)
language plpgsql stable security invoker set search_path = '' as $$
begin
  if app.intent_rank(p_score) is null then
    raise exception 'INVALID_INPUT: The intent score must be hot, warm or cold.';
  end if;
  return query
    select l.id, l.email, l.full_name, l.title, c.id, coalesce(c.name, l.company_name), c.domain,
           c.industry, coalesce(c.intent_tier, 'cold'), c.fit_score, l.created_at
    from public.leads l
    left join public.companies c on c.id = l.company_id and c.deleted_at is null
    where l.org_id = p_org_id and l.deleted_at is null and coalesce(c.intent_tier, 'cold') = p_score
    order by l.created_at desc, l.id desc;
end
$$;

-- Hot and warm leads (or from p_min_score up) not yet uploaded to a platform, never suppressed ones,
-- with the platform their industry maps to (seed 001 platform mapping).
create or replace function public.get_leads_ready_for_upload(p_org_id uuid, p_min_score text default 'warm')
returns table (
  lead_id uuid, email text, full_name text, title text, seniority text, department text,
  company_id uuid, company_name text, domain text, industry text, employee_count integer, revenue bigint,
  city text, state text, country text, intent_tier text, fit_score smallint, platform text, created_at timestamptz
)
language plpgsql stable security invoker set search_path = '' as $$
begin
  if app.intent_rank(p_min_score) is null then
    raise exception 'INVALID_INPUT: The minimum intent score must be hot, warm or cold.';
  end if;
  return query
    select l.id, l.email, l.full_name, l.title, l.seniority, l.department,
           c.id, c.name, c.domain, c.industry, c.employee_count, c.revenue,
           coalesce(c.city, l.city), coalesce(c.state, l.state), coalesce(c.country, l.country),
           c.intent_tier, c.fit_score,
           case lower(coalesce(c.industry, ''))
             when 'technology' then 'tech-platform'
             when 'finance' then 'finance-platform'
             when 'healthcare' then 'healthcare-platform'
             when 'retail' then 'retail-platform'
             when 'marketing' then 'marketing-platform'
             else 'general-platform'
           end,
           l.created_at
    from public.leads l
    join public.companies c on c.id = l.company_id and c.deleted_at is null
    where l.org_id = p_org_id and l.deleted_at is null and l.suppressed_at is null
      and not l.platform_uploaded
      and app.intent_rank(c.intent_tier) >= app.intent_rank(p_min_score)
    order by app.intent_rank(c.intent_tier) desc, c.fit_score desc nulls last, l.created_at, l.id;
end
$$;

create or replace function public.get_platform_upload_stats(p_org_id uuid)
returns table (platform_name text, uploaded_count integer, last_uploaded_at timestamptz)
language sql stable security invoker set search_path = '' as $$
  select l.platform_name, count(*)::int, max(l.platform_uploaded_at)
  from public.leads l
  where l.org_id = p_org_id and l.platform_uploaded and l.deleted_at is null
  group by l.platform_name
  order by 2 desc
$$;

grant execute on function app.intent_tier_for(integer, integer), app.intent_rank(text), app.refresh_intent_tiers(uuid[])
  to authenticated, service_role;
revoke execute on function public.get_leads_by_intent_score(uuid, text), public.get_leads_ready_for_upload(uuid, text),
  public.get_platform_upload_stats(uuid) from public, anon;
grant execute on function public.get_leads_by_intent_score(uuid, text), public.get_leads_ready_for_upload(uuid, text),
  public.get_platform_upload_stats(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- privileges and row level security
-- ---------------------------------------------------------------------------------------------
revoke all on public.lists, public.list_members, public.tags, public.lead_tags, public.custom_field_definitions,
  public.imports, public.import_files, public.import_rejections, public.intent_signals, public.company_snapshots,
  public.lead_intent_breakdown from anon;
grant select, insert, update, delete on public.lists, public.list_members, public.tags, public.lead_tags,
  public.custom_field_definitions, public.imports, public.import_files, public.import_rejections,
  public.intent_signals, public.company_snapshots to authenticated;
grant select on public.lead_intent_breakdown to authenticated;
grant all on public.lists, public.list_members, public.tags, public.lead_tags, public.custom_field_definitions,
  public.imports, public.import_files, public.import_rejections, public.intent_signals, public.company_snapshots,
  public.lead_intent_breakdown to service_role;

alter table public.lists enable row level security;
alter table public.list_members enable row level security;
alter table public.tags enable row level security;
alter table public.lead_tags enable row level security;
alter table public.custom_field_definitions enable row level security;
alter table public.imports enable row level security;
alter table public.import_files enable row level security;
alter table public.import_rejections enable row level security;
alter table public.intent_signals enable row level security;
alter table public.company_snapshots enable row level security;

create policy "lists: authenticated can select member orgs" on public.lists for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "lists: authenticated can insert member orgs" on public.lists for insert to authenticated with check (org_id in (select app.user_org_ids()));
create policy "lists: authenticated can update member orgs" on public.lists for update to authenticated using (org_id in (select app.user_org_ids())) with check (org_id in (select app.user_org_ids()));
create policy "lists: authenticated can delete member orgs" on public.lists for delete to authenticated using (org_id in (select app.user_org_ids()));

-- Members link only a list and a lead of the same organization (foreign keys alone do not see org_id).
create policy "list_members: authenticated can select member orgs" on public.list_members for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "list_members: authenticated can insert member orgs" on public.list_members for insert to authenticated with check (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.lists x where x.id = list_members.list_id and x.org_id = list_members.org_id)
  and exists (select 1 from public.leads x where x.id = list_members.lead_id and x.org_id = list_members.org_id));
create policy "list_members: authenticated can delete member orgs" on public.list_members for delete to authenticated using (org_id in (select app.user_org_ids()));

create policy "tags: authenticated can select member orgs" on public.tags for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "tags: authenticated can insert member orgs" on public.tags for insert to authenticated with check (org_id in (select app.user_org_ids()));
create policy "tags: authenticated can update member orgs" on public.tags for update to authenticated using (org_id in (select app.user_org_ids())) with check (org_id in (select app.user_org_ids()));
create policy "tags: authenticated can delete member orgs" on public.tags for delete to authenticated using (org_id in (select app.user_org_ids()));

create policy "lead_tags: authenticated can select member orgs" on public.lead_tags for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "lead_tags: authenticated can insert member orgs" on public.lead_tags for insert to authenticated with check (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.tags x where x.id = lead_tags.tag_id and x.org_id = lead_tags.org_id)
  and exists (select 1 from public.leads x where x.id = lead_tags.lead_id and x.org_id = lead_tags.org_id));
create policy "lead_tags: authenticated can delete member orgs" on public.lead_tags for delete to authenticated using (org_id in (select app.user_org_ids()));

create policy "custom_field_definitions: authenticated can select member orgs" on public.custom_field_definitions for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "custom_field_definitions: authenticated can insert member orgs" on public.custom_field_definitions for insert to authenticated with check (org_id in (select app.user_org_ids()));
create policy "custom_field_definitions: authenticated can update member orgs" on public.custom_field_definitions for update to authenticated using (org_id in (select app.user_org_ids())) with check (org_id in (select app.user_org_ids()));
create policy "custom_field_definitions: authenticated can delete as admin" on public.custom_field_definitions for delete to authenticated using (app.is_org_admin(org_id));

create policy "imports: authenticated can select member orgs" on public.imports for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "imports: authenticated can insert member orgs" on public.imports for insert to authenticated with check (org_id in (select app.user_org_ids()) and created_by = auth.uid());
create policy "imports: authenticated can update member orgs" on public.imports for update to authenticated using (org_id in (select app.user_org_ids())) with check (org_id in (select app.user_org_ids()));
create policy "imports: authenticated can delete as admin" on public.imports for delete to authenticated using (app.is_org_admin(org_id));

create policy "import_files: authenticated can select member orgs" on public.import_files for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "import_files: authenticated can insert member orgs" on public.import_files for insert to authenticated with check (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.imports x where x.id = import_files.import_id and x.org_id = import_files.org_id));
create policy "import_files: authenticated can delete as admin" on public.import_files for delete to authenticated using (app.is_org_admin(org_id));

-- Rejections are written by the import job (service role); members read them.
create policy "import_rejections: authenticated can select member orgs" on public.import_rejections for select to authenticated using (org_id in (select app.user_org_ids()));

create policy "intent_signals: authenticated can select member orgs" on public.intent_signals for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "intent_signals: authenticated can insert member orgs" on public.intent_signals for insert to authenticated with check (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.companies x where x.id = intent_signals.company_id and x.org_id = intent_signals.org_id));
create policy "intent_signals: authenticated can update member orgs" on public.intent_signals for update to authenticated using (org_id in (select app.user_org_ids())) with check (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.companies x where x.id = intent_signals.company_id and x.org_id = intent_signals.org_id));
create policy "intent_signals: authenticated can delete member orgs" on public.intent_signals for delete to authenticated using (org_id in (select app.user_org_ids()));

-- Snapshots are history: members add them (through a qualification) and read them; nobody edits them.
create policy "company_snapshots: authenticated can select member orgs" on public.company_snapshots for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "company_snapshots: authenticated can insert member orgs" on public.company_snapshots for insert to authenticated with check (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.companies x where x.id = company_snapshots.company_id and x.org_id = company_snapshots.org_id));
