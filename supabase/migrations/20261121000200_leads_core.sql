-- Leads core (L1, L4, L6): companies, leads, the suppression list and the activity timeline.
-- Later migrations add imports, lists, tags, custom fields, intent and fit scoring on top of these.

-- ---------------------------------------------------------------------------------------------
-- companies
-- ---------------------------------------------------------------------------------------------
create table public.companies (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 300),
  domain text check (domain is null or (domain = lower(domain) and domain ~ '^[a-z0-9.-]+\.[a-z0-9-]{2,}$')),
  website text check (char_length(website) <= 2000),
  industry text check (char_length(industry) <= 200),
  size_range text check (char_length(size_range) <= 50),
  employee_count integer check (employee_count >= 0),
  revenue bigint check (revenue >= 0),
  linkedin_url text check (char_length(linkedin_url) <= 500),
  phone text check (char_length(phone) <= 40),
  city text check (char_length(city) <= 200),
  state text check (char_length(state) <= 200),
  country text check (char_length(country) <= 100),
  description text check (char_length(description) <= 10000),
  custom_fields jsonb not null default '{}'::jsonb check (jsonb_typeof(custom_fields) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create unique index companies_domain_idx on public.companies (org_id, domain) where domain is not null and deleted_at is null;
create index companies_org_name_idx on public.companies (org_id, lower(name));
create index companies_name_trgm_idx on public.companies using gin (lower(name) gin_trgm_ops);
create trigger companies_touch before update on public.companies for each row execute function app.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- leads (people)
-- ---------------------------------------------------------------------------------------------
create table public.leads (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  company_id uuid references public.companies(id) on delete set null,
  email text check (email is null or (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(email) <= 320)),
  phone text check (phone is null or phone ~ '^\+[1-9][0-9]{6,14}$'),
  whatsapp text check (whatsapp is null or whatsapp ~ '^\+[1-9][0-9]{6,14}$'),
  first_name text check (char_length(first_name) <= 200),
  last_name text check (char_length(last_name) <= 200),
  full_name text generated always as (nullif(btrim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), '')) stored,
  title text check (char_length(title) <= 300),
  seniority text check (char_length(seniority) <= 100),
  department text check (char_length(department) <= 200),
  linkedin_url text check (char_length(linkedin_url) <= 500),
  company_name text check (char_length(company_name) <= 300),
  website text check (char_length(website) <= 2000),
  city text check (char_length(city) <= 200),
  state text check (char_length(state) <= 200),
  country text check (char_length(country) <= 100),
  timezone text check (timezone is null or app.is_valid_timezone(timezone)),
  status text not null default 'new' check (status in ('new', 'contacted', 'replied', 'interested', 'not_interested', 'bounced', 'unsubscribed', 'converted')),
  source text not null default 'manual' check (char_length(source) <= 100),
  source_ref text check (char_length(source_ref) <= 200),
  custom_fields jsonb not null default '{}'::jsonb check (jsonb_typeof(custom_fields) = 'object'),
  -- Set when the address or its domain is on the suppression list: the lead is kept but never contacted.
  suppressed_at timestamptz,
  suppressed_reason text,
  meeting_booked_at timestamptz,
  -- Search across name, email, company and title (trigram-indexed).
  search_text text generated always as (
    lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' ||
          coalesce(company_name, '') || ' ' || coalesce(title, ''))
  ) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create unique index leads_email_idx on public.leads (org_id, email) where email is not null and deleted_at is null;
create unique index leads_linkedin_idx on public.leads (org_id, linkedin_url) where linkedin_url is not null and deleted_at is null;
create index leads_org_created_idx on public.leads (org_id, created_at desc, id desc) where deleted_at is null;
create index leads_org_status_idx on public.leads (org_id, status) where deleted_at is null;
create index leads_company_idx on public.leads (company_id);
create index leads_search_trgm_idx on public.leads using gin (search_text gin_trgm_ops);
create index leads_custom_fields_idx on public.leads using gin (custom_fields jsonb_path_ops);
create trigger leads_touch before update on public.leads for each row execute function app.touch_updated_at();

-- A company's new name follows to its leads' denormalised company_name (used by search and exports).
create or replace function app.companies_name_to_leads() returns trigger
language plpgsql as $$
begin
  if new.name is distinct from old.name then
    update public.leads set company_name = new.name where company_id = new.id and org_id = new.org_id;
  end if;
  return new;
end
$$;
create trigger companies_name_to_leads after update of name on public.companies for each row execute function app.companies_name_to_leads();

-- ---------------------------------------------------------------------------------------------
-- suppression list (L6): emails and whole domains never contacted
-- ---------------------------------------------------------------------------------------------
create table public.suppressions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  kind text not null check (kind in ('email', 'domain')),
  value text not null check (value = lower(value) and char_length(value) between 3 and 320),
  reason text not null check (reason in ('manual', 'import', 'unsubscribe', 'hard_bounce', 'complaint', 'opt_out')),
  source text check (char_length(source) <= 200),
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  unique (org_id, kind, value)
);
create index suppressions_org_created_idx on public.suppressions (org_id, created_at desc);

-- Is this address suppressed in this organization (by itself or by its domain)?
create or replace function app.is_suppressed(p_org uuid, p_email text) returns boolean
language sql stable as $$
  select exists (
    select 1 from public.suppressions s
    where s.org_id = p_org
      and ((s.kind = 'email' and s.value = lower(p_email))
        or (s.kind = 'domain' and s.value = lower(split_part(p_email, '@', 2))))
  )
$$;
grant execute on function app.is_suppressed(uuid, text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- activity timeline (L4): one table every feature writes lead events to
-- ---------------------------------------------------------------------------------------------
create table public.lead_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  lead_id uuid not null references public.leads(id) on delete cascade,
  type text not null check (type ~ '^[a-z_]+$' and char_length(type) <= 50),
  summary text not null check (char_length(summary) <= 1000),
  data jsonb not null default '{}'::jsonb,
  actor_id uuid references public.users(id) on delete set null,
  occurred_at timestamptz not null default now()
);
create index lead_events_lead_idx on public.lead_events (lead_id, occurred_at desc);
create index lead_events_org_idx on public.lead_events (org_id, occurred_at desc);

-- ---------------------------------------------------------------------------------------------
-- privileges and row level security
-- ---------------------------------------------------------------------------------------------
grant select, insert, update, delete on public.companies, public.leads, public.suppressions, public.lead_events to authenticated;
grant all on public.companies, public.leads, public.suppressions, public.lead_events to service_role;

alter table public.companies enable row level security;
alter table public.leads enable row level security;
alter table public.suppressions enable row level security;
alter table public.lead_events enable row level security;

create policy "companies: authenticated can select member orgs" on public.companies for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "companies: authenticated can insert member orgs" on public.companies for insert to authenticated with check (org_id in (select app.user_org_ids()));
create policy "companies: authenticated can update member orgs" on public.companies for update to authenticated using (org_id in (select app.user_org_ids())) with check (org_id in (select app.user_org_ids()));
create policy "companies: authenticated can delete member orgs" on public.companies for delete to authenticated using (org_id in (select app.user_org_ids()));

create policy "leads: authenticated can select member orgs" on public.leads for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "leads: authenticated can insert member orgs" on public.leads for insert to authenticated with check (org_id in (select app.user_org_ids()));
create policy "leads: authenticated can update member orgs" on public.leads for update to authenticated using (org_id in (select app.user_org_ids())) with check (org_id in (select app.user_org_ids()));
create policy "leads: authenticated can delete member orgs" on public.leads for delete to authenticated using (org_id in (select app.user_org_ids()));

create policy "suppressions: authenticated can select member orgs" on public.suppressions for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "suppressions: authenticated can insert member orgs" on public.suppressions for insert to authenticated with check (org_id in (select app.user_org_ids()));
create policy "suppressions: authenticated can delete as admin" on public.suppressions for delete to authenticated using (app.is_org_admin(org_id));

create policy "lead_events: authenticated can select member orgs" on public.lead_events for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "lead_events: authenticated can insert member orgs" on public.lead_events for insert to authenticated with check (org_id in (select app.user_org_ids()));
