-- Sequences and sending (S1–S15, M1–M3): mailboxes and their encrypted secrets, the template library
-- (system templates seeded below), sequences with immutable versions, campaigns and their mailboxes,
-- enrollments, outbound messages (one per enrollment and step: S15), message events (opens, clicks,
-- replies, bounces, unsubscribes, complaints; every hit plus one human "first" per message and kind),
-- tasks, webhook-step executions and scheduling-tool (Cal.com, Calendly) webhook receipts.
--
-- Cross-row references inside an organization are checked by the insert/update policies (a foreign key
-- alone does not see org_id); jobs write as service_role and set org_id from the rows they read.

-- ---------------------------------------------------------------------------------------------
-- mailboxes (M1–M3)
-- ---------------------------------------------------------------------------------------------
create table public.mailboxes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  -- Who connected it: they (and owners/admins) may change or delete it.
  user_id uuid references public.users(id) on delete set null,
  provider text not null default 'smtp' check (provider in ('smtp', 'gmail', 'outlook', 'dev')),
  email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$' and char_length(email) <= 320),
  display_name text check (char_length(display_name) <= 200),
  smtp_host text check (char_length(smtp_host) <= 255),
  smtp_port integer check (smtp_port between 1 and 65535),
  smtp_security text check (smtp_security in ('tls', 'starttls', 'none')),
  smtp_username text check (char_length(smtp_username) <= 320),
  imap_host text check (char_length(imap_host) <= 255),
  imap_port integer check (imap_port between 1 and 65535),
  imap_security text check (imap_security in ('tls', 'starttls', 'none')),
  imap_username text check (char_length(imap_username) <= 320),
  -- The mailbox's calendar day (daily limit, warm-up) is counted in this timezone.
  timezone text not null default 'UTC' check (app.is_valid_timezone(timezone)),
  daily_limit integer not null default 50 check (daily_limit between 1 and 100000),
  min_gap_seconds integer not null default 60 check (min_gap_seconds between 0 and 86400),
  gap_jitter_seconds integer not null default 60 check (gap_jitter_seconds between 0 and 86400),
  warmup_enabled boolean not null default false,
  warmup_start integer not null default 10 check (warmup_start between 1 and 100000),
  warmup_increment integer not null default 5 check (warmup_increment between 0 and 100000),
  warmup_started_on date,
  bounce_pause_threshold numeric(6, 5) not null default 0.05 check (bounce_pause_threshold > 0 and bounce_pause_threshold <= 1),
  complaint_pause_threshold numeric(6, 5) not null default 0.003 check (complaint_pause_threshold > 0 and complaint_pause_threshold <= 1),
  health_min_sample integer not null default 50 check (health_min_sample between 1 and 100000),
  health_window_days integer not null default 7 check (health_window_days between 1 and 90),
  status text not null default 'active' check (status in ('active', 'paused', 'error')),
  paused_reason text check (paused_reason in ('manual', 'bounce_rate', 'complaint_rate', 'auth_failed')),
  -- The numbers behind an automatic pause ({ sent, bounced, rate, threshold, windowDays, … }) or the server's answer.
  paused_detail jsonb not null default '{}'::jsonb check (jsonb_typeof(paused_detail) = 'object'),
  paused_at timestamptz,
  oauth_expires_at timestamptz,
  last_test_at timestamptz,
  last_test_ok boolean,
  last_test_result jsonb,
  last_sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'active') = (paused_reason is null))
);
create unique index mailboxes_email_idx on public.mailboxes (org_id, email);
create unique index mailboxes_dev_idx on public.mailboxes (org_id) where provider = 'dev';
create trigger mailboxes_touch before update on public.mailboxes for each row execute function app.touch_updated_at();

-- Passwords and OAuth tokens (AES-256-GCM, `enc:v1:…`), apart from the row the UI reads, so a
-- `select *` on mailboxes can never carry a secret. Only the mailbox's owner and org admins reach it.
create table public.mailbox_secrets (
  mailbox_id uuid primary key references public.mailboxes(id) on delete cascade,
  org_id uuid not null references public.organizations(id) on delete cascade,
  smtp_password text check (smtp_password like 'enc:v1:%'),
  imap_password text check (imap_password like 'enc:v1:%'),
  oauth_access_token text check (oauth_access_token like 'enc:v1:%'),
  oauth_refresh_token text check (oauth_refresh_token like 'enc:v1:%'),
  updated_at timestamptz not null default now()
);
create index mailbox_secrets_org_idx on public.mailbox_secrets (org_id);
create trigger mailbox_secrets_touch before update on public.mailbox_secrets for each row execute function app.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- template library (S1): org_id null = a system template (read by everyone, written by no one)
-- ---------------------------------------------------------------------------------------------
create table public.sequence_templates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid references public.organizations(id) on delete cascade,
  is_system boolean not null default false,
  name text not null check (char_length(btrim(name)) between 1 and 200),
  description text check (char_length(description) <= 2000),
  category text not null default 'custom' check (category in ('cold_outreach', 'nurture', 'follow_up', 'win_back', 'custom')),
  industry text check (char_length(industry) <= 100),
  use_case text check (char_length(use_case) <= 100),
  channels text[] not null default '{email}' check (channels <@ '{email,whatsapp,sms}'::text[] and cardinality(channels) >= 1),
  -- The step model of src/features/sequences/steps.ts, validated by zod before it is stored.
  steps jsonb not null default '[]'::jsonb check (jsonb_typeof(steps) = 'array'),
  -- Suggested campaign settings (send window, stop rules …) applied when a campaign starts from it.
  settings jsonb not null default '{}'::jsonb check (jsonb_typeof(settings) = 'object'),
  usage_count integer not null default 0 check (usage_count >= 0),
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (is_system = (org_id is null))
);
create index sequence_templates_org_idx on public.sequence_templates (org_id, category);
create index sequence_templates_system_idx on public.sequence_templates (category) where org_id is null;
create trigger sequence_templates_touch before update on public.sequence_templates for each row execute function app.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- sequences and their immutable versions (S2, S12): editing creates a version; enrollments pin one
-- ---------------------------------------------------------------------------------------------
create table public.sequences (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 200),
  description text check (char_length(description) <= 2000),
  template_id uuid references public.sequence_templates(id) on delete set null,
  -- HMAC key of the webhook steps' X-LeadPilot-Signature (encrypted; shown to members on request).
  webhook_secret text check (webhook_secret like 'enc:v1:%'),
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sequences_org_idx on public.sequences (org_id, created_at desc);
create trigger sequences_touch before update on public.sequences for each row execute function app.touch_updated_at();

create table public.sequence_versions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  sequence_id uuid not null references public.sequences(id) on delete cascade,
  version integer not null check (version >= 1),
  steps jsonb not null default '[]'::jsonb check (jsonb_typeof(steps) = 'array'),
  created_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  unique (sequence_id, version)
);
create index sequence_versions_org_idx on public.sequence_versions (org_id);

create or replace function app.sequence_versions_immutable() returns trigger
language plpgsql as $$
begin
  raise exception 'CONFLICT: A saved sequence version never changes. Save the edit as a new version.';
end
$$;
create trigger sequence_versions_immutable before update on public.sequence_versions for each row execute function app.sequence_versions_immutable();

-- ---------------------------------------------------------------------------------------------
-- campaigns (S4) and the mailboxes they rotate across
-- ---------------------------------------------------------------------------------------------
create table public.campaigns (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 200),
  description text check (char_length(description) <= 2000),
  status text not null default 'draft' check (status in ('draft', 'active', 'paused', 'completed', 'archived')),
  sequence_id uuid not null references public.sequences(id) on delete restrict,
  template_id uuid references public.sequence_templates(id) on delete set null,
  -- ZCampaignSettings (src/features/sequences/schemas.ts): window, days, timezone rule, caps, stop rules,
  -- tracking, approval mode, footer.
  settings jsonb not null default '{}'::jsonb check (jsonb_typeof(settings) = 'object'),
  owner_id uuid references public.users(id) on delete set null,
  started_at timestamptz,
  paused_at timestamptz,
  completed_at timestamptz,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index campaigns_org_idx on public.campaigns (org_id, status, created_at desc);
create index campaigns_sequence_idx on public.campaigns (sequence_id);
create trigger campaigns_touch before update on public.campaigns for each row execute function app.touch_updated_at();

create table public.campaign_mailboxes (
  campaign_id uuid not null references public.campaigns(id) on delete cascade,
  mailbox_id uuid not null references public.mailboxes(id) on delete cascade,
  org_id uuid not null references public.organizations(id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (campaign_id, mailbox_id)
);
create index campaign_mailboxes_mailbox_idx on public.campaign_mailboxes (mailbox_id);
create index campaign_mailboxes_org_idx on public.campaign_mailboxes (org_id);

-- ---------------------------------------------------------------------------------------------
-- enrollments (S5): one lead in one campaign, pinned to a sequence version
-- ---------------------------------------------------------------------------------------------
create table public.enrollments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  campaign_id uuid not null references public.campaigns(id) on delete cascade,
  lead_id uuid not null references public.leads(id) on delete cascade,
  sequence_version_id uuid not null references public.sequence_versions(id) on delete restrict,
  -- Sticky after the first email: follow-ups leave from the mailbox that sent the first one.
  mailbox_id uuid references public.mailboxes(id) on delete set null,
  status text not null default 'active' check (status in ('active', 'paused', 'completed', 'stopped')),
  stop_reason text check (stop_reason in (
    'reply', 'bounce', 'unsubscribe', 'meeting_booked', 'manual', 'suppressed', 'no_email', 'send_failed', 'campaign_ended'
  )),
  current_step_id text check (char_length(current_step_id) <= 40),
  current_step_index integer not null default 0 check (current_step_index >= 0),
  -- When the current step became ready (a wait counts from here; an email is not sent before it).
  step_started_at timestamptz,
  -- When the advance job should look at this enrollment again (null: something else will wake it).
  next_step_at timestamptz,
  -- Why nothing is going out right now, machine-readable (see WAITING_REASONS) + its numbers.
  waiting_reason text check (waiting_reason in (
    'waiting_for_delay', 'outside_window', 'daily_cap_reached', 'campaign_daily_cap', 'mailbox_gap', 'mailbox_paused',
    'no_mailbox', 'approval_pending', 'missing_variable', 'suppressed', 'waiting_for_condition', 'waiting_for_task',
    'scheduled', 'sending', 'retrying', 'uncertain_review'
  )),
  waiting_detail jsonb not null default '{}'::jsonb check (jsonb_typeof(waiting_detail) = 'object'),
  started_at timestamptz,
  paused_at timestamptz,
  completed_at timestamptz,
  stopped_at timestamptz,
  enrolled_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (campaign_id, lead_id)
);
create index enrollments_due_idx on public.enrollments (next_step_at) where status = 'active';
create index enrollments_campaign_idx on public.enrollments (campaign_id, status);
create index enrollments_campaign_started_idx on public.enrollments (campaign_id, started_at) where started_at is not null;
create index enrollments_lead_idx on public.enrollments (lead_id, status);
create index enrollments_org_idx on public.enrollments (org_id, created_at desc);
create index enrollments_mailbox_idx on public.enrollments (mailbox_id) where mailbox_id is not null;
create index enrollments_version_idx on public.enrollments (sequence_version_id);
create trigger enrollments_touch before update on public.enrollments for each row execute function app.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- outbound messages (S7, S13, S15): at most one per (enrollment, step) — the same step never reaches
-- the same person twice, whatever the dispatchers do.
-- ---------------------------------------------------------------------------------------------
create table public.messages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  campaign_id uuid not null references public.campaigns(id) on delete cascade,
  enrollment_id uuid not null references public.enrollments(id) on delete cascade,
  lead_id uuid not null references public.leads(id) on delete cascade,
  mailbox_id uuid references public.mailboxes(id) on delete set null,
  step_id text not null check (char_length(step_id) between 1 and 40),
  step_index integer not null default 0 check (step_index >= 0),
  channel text not null default 'email' check (channel in ('email', 'whatsapp', 'sms')),
  variant text check (variant ~ '^[A-Z]$'),
  -- pending_approval → (approved) scheduled → sending → sent (→ bounced); blocked = cannot be rendered
  -- (missing variable); uncertain = the outcome of a send is unknown (never re-sent automatically).
  status text not null default 'scheduled' check (status in (
    'pending_approval', 'blocked', 'scheduled', 'sending', 'sent', 'failed', 'uncertain', 'cancelled', 'bounced'
  )),
  -- Not sent before this (the step became ready); scheduled_for is the slot (null: not slotted yet).
  not_before timestamptz not null default now(),
  scheduled_for timestamptz,
  slot_retry_at timestamptz,
  to_email text not null check (char_length(to_email) <= 320),
  from_email text check (char_length(from_email) <= 320),
  from_name text check (char_length(from_name) <= 200),
  subject text not null default '' check (char_length(subject) <= 1000),
  html text not null default '',
  text text not null default '',
  -- Why a blocked message cannot be sent: [{ code, variable?, message }].
  problems jsonb not null default '[]'::jsonb check (jsonb_typeof(problems) = 'array'),
  message_id_header text check (char_length(message_id_header) <= 300),
  in_reply_to text check (char_length(in_reply_to) <= 300),
  references_header text check (char_length(references_header) <= 4000),
  attempts integer not null default 0 check (attempts >= 0),
  last_error text check (char_length(last_error) <= 2000),
  last_error_code text check (char_length(last_error_code) <= 40),
  claimed_by text,
  claimed_at timestamptz,
  claim_expires_at timestamptz,
  sent_at timestamptz,
  smtp_response text check (char_length(smtp_response) <= 1000),
  approved_by uuid references public.users(id) on delete set null,
  approved_at timestamptz,
  edited_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (enrollment_id, step_id)
);
-- The dispatcher's claim: due, slotted, scheduled messages in slot order.
create index messages_due_idx on public.messages (scheduled_for) where status = 'scheduled' and scheduled_for is not null;
-- The advance job's slotter: scheduled messages without a slot yet.
create index messages_unslotted_idx on public.messages (slot_retry_at nulls first, created_at) where status = 'scheduled' and scheduled_for is null;
-- The reaper: claims whose worker died turn uncertain.
create index messages_sending_idx on public.messages (claim_expires_at) where status = 'sending';
-- A mailbox's reservations and sends per day (daily cap, minimum gap).
create index messages_mailbox_slot_idx on public.messages (mailbox_id, scheduled_for) where scheduled_for is not null;
create unique index messages_message_id_idx on public.messages (message_id_header) where message_id_header is not null;
create index messages_campaign_idx on public.messages (campaign_id, status);
create index messages_review_idx on public.messages (org_id, status, created_at) where status in ('pending_approval', 'blocked', 'uncertain');
create index messages_lead_idx on public.messages (lead_id);
create index messages_sent_idx on public.messages (org_id, sent_at) where sent_at is not null;
create trigger messages_touch before update on public.messages for each row execute function app.touch_updated_at();

-- Every tracking hit and every reply/bounce/unsubscribe/complaint; is_first marks the first human event
-- of its kind for a message (unique metrics and conditions); bot hits are kept, flagged, never first.
create table public.message_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  message_id uuid not null references public.messages(id) on delete cascade,
  kind text not null check (kind in ('open', 'click', 'reply', 'bounce', 'unsubscribe', 'complaint')),
  is_first boolean not null default false,
  is_bot boolean not null default false,
  bot_reason text check (char_length(bot_reason) <= 200),
  url text check (char_length(url) <= 4000),
  ip text check (char_length(ip) <= 100),
  user_agent text check (char_length(user_agent) <= 1000),
  detail jsonb not null default '{}'::jsonb check (jsonb_typeof(detail) = 'object'),
  occurred_at timestamptz not null default now(),
  check (not (is_first and is_bot))
);
create unique index message_events_first_idx on public.message_events (message_id, kind) where is_first;
create index message_events_message_idx on public.message_events (message_id, kind, occurred_at);
create index message_events_org_idx on public.message_events (org_id, occurred_at);

-- ---------------------------------------------------------------------------------------------
-- task steps and webhook steps
-- ---------------------------------------------------------------------------------------------
create table public.tasks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  enrollment_id uuid references public.enrollments(id) on delete cascade,
  campaign_id uuid references public.campaigns(id) on delete cascade,
  lead_id uuid references public.leads(id) on delete cascade,
  step_id text check (char_length(step_id) <= 40),
  title text not null check (char_length(btrim(title)) between 1 and 300),
  description text check (char_length(description) <= 5000),
  task_type text not null default 'todo' check (task_type in ('todo', 'call', 'linkedin', 'email', 'other')),
  assignee_id uuid references public.users(id) on delete set null,
  due_at timestamptz,
  status text not null default 'open' check (status in ('open', 'done', 'skipped')),
  completed_at timestamptz,
  completed_by uuid references public.users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (enrollment_id, step_id)
);
create index tasks_org_idx on public.tasks (org_id, status, due_at);
create index tasks_assignee_idx on public.tasks (assignee_id, status, due_at);
create index tasks_lead_idx on public.tasks (lead_id);
create trigger tasks_touch before update on public.tasks for each row execute function app.touch_updated_at();

create table public.webhook_executions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  enrollment_id uuid not null references public.enrollments(id) on delete cascade,
  campaign_id uuid references public.campaigns(id) on delete cascade,
  lead_id uuid references public.leads(id) on delete cascade,
  step_id text not null check (char_length(step_id) between 1 and 40),
  url text not null check (url ~ '^https?://' and char_length(url) <= 2000),
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  response_status integer,
  response_excerpt text check (char_length(response_excerpt) <= 2000),
  error text check (char_length(error) <= 2000),
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  unique (enrollment_id, step_id)
);
create index webhook_executions_org_idx on public.webhook_executions (org_id, created_at desc);

-- Cal.com / Calendly deliveries already handled (idempotency by the provider's event id).
create table public.scheduling_webhook_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations(id) on delete cascade,
  provider text not null check (provider in ('calcom', 'calendly')),
  event_id text not null check (char_length(event_id) between 1 and 500),
  event_type text not null check (char_length(event_type) <= 100),
  attendee_email text check (char_length(attendee_email) <= 320),
  lead_id uuid references public.leads(id) on delete set null,
  outcome text not null default 'received' check (outcome in ('received', 'meeting_booked', 'no_matching_lead', 'ignored')),
  received_at timestamptz not null default now(),
  unique (org_id, provider, event_id)
);

-- ---------------------------------------------------------------------------------------------
-- functions
-- ---------------------------------------------------------------------------------------------
-- Counts one use of a template the caller can see (system templates are not writable by users).
create or replace function app.bump_template_usage(p_template uuid) returns void
language sql security definer set search_path = '' as $$
  update public.sequence_templates t set usage_count = t.usage_count + 1
  where t.id = p_template
    and (t.org_id is null or t.org_id in (select app.user_org_ids()) or coalesce(auth.jwt() ->> 'role', '') = 'service_role')
$$;
grant execute on function app.bump_template_usage(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- privileges and row level security
-- ---------------------------------------------------------------------------------------------
revoke all on public.mailboxes, public.mailbox_secrets, public.sequence_templates, public.sequences, public.sequence_versions,
  public.campaigns, public.campaign_mailboxes, public.enrollments, public.messages, public.message_events, public.tasks,
  public.webhook_executions, public.scheduling_webhook_events from anon;
grant select, insert, update, delete on public.mailboxes, public.mailbox_secrets, public.sequence_templates, public.sequences,
  public.campaigns, public.campaign_mailboxes, public.enrollments, public.tasks to authenticated;
grant select, insert on public.sequence_versions to authenticated;
grant select, update, delete on public.messages to authenticated;
grant select on public.message_events, public.webhook_executions, public.scheduling_webhook_events to authenticated;
grant all on public.mailboxes, public.mailbox_secrets, public.sequence_templates, public.sequences, public.sequence_versions,
  public.campaigns, public.campaign_mailboxes, public.enrollments, public.messages, public.message_events, public.tasks,
  public.webhook_executions, public.scheduling_webhook_events to service_role;

alter table public.mailboxes enable row level security;
alter table public.mailbox_secrets enable row level security;
alter table public.sequence_templates enable row level security;
alter table public.sequences enable row level security;
alter table public.sequence_versions enable row level security;
alter table public.campaigns enable row level security;
alter table public.campaign_mailboxes enable row level security;
alter table public.enrollments enable row level security;
alter table public.messages enable row level security;
alter table public.message_events enable row level security;
alter table public.tasks enable row level security;
alter table public.webhook_executions enable row level security;
alter table public.scheduling_webhook_events enable row level security;

-- Mailboxes: every member sees them (to pick them for campaigns); the member who connected one and the
-- owners/admins change or delete it.
create policy "mailboxes: authenticated can select member orgs" on public.mailboxes for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "mailboxes: authenticated can insert member orgs" on public.mailboxes for insert to authenticated with check (
  org_id in (select app.user_org_ids()) and (user_id = auth.uid() or app.is_org_admin(org_id)));
create policy "mailboxes: authenticated can update own or as admin" on public.mailboxes for update to authenticated
  using (org_id in (select app.user_org_ids()) and (user_id = auth.uid() or app.is_org_admin(org_id)))
  with check (org_id in (select app.user_org_ids()) and (user_id = auth.uid() or app.is_org_admin(org_id)));
create policy "mailboxes: authenticated can delete own or as admin" on public.mailboxes for delete to authenticated
  using (org_id in (select app.user_org_ids()) and (user_id = auth.uid() or app.is_org_admin(org_id)));

create policy "mailbox_secrets: authenticated can select own mailbox or as admin" on public.mailbox_secrets for select to authenticated using (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.mailboxes m where m.id = mailbox_secrets.mailbox_id and m.org_id = mailbox_secrets.org_id
              and (m.user_id = auth.uid() or app.is_org_admin(m.org_id))));
create policy "mailbox_secrets: authenticated can insert own mailbox or as admin" on public.mailbox_secrets for insert to authenticated with check (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.mailboxes m where m.id = mailbox_secrets.mailbox_id and m.org_id = mailbox_secrets.org_id
              and (m.user_id = auth.uid() or app.is_org_admin(m.org_id))));
create policy "mailbox_secrets: authenticated can update own mailbox or as admin" on public.mailbox_secrets for update to authenticated using (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.mailboxes m where m.id = mailbox_secrets.mailbox_id and m.org_id = mailbox_secrets.org_id
              and (m.user_id = auth.uid() or app.is_org_admin(m.org_id))))
  with check (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.mailboxes m where m.id = mailbox_secrets.mailbox_id and m.org_id = mailbox_secrets.org_id
              and (m.user_id = auth.uid() or app.is_org_admin(m.org_id))));
create policy "mailbox_secrets: authenticated can delete own mailbox or as admin" on public.mailbox_secrets for delete to authenticated using (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.mailboxes m where m.id = mailbox_secrets.mailbox_id and m.org_id = mailbox_secrets.org_id
              and (m.user_id = auth.uid() or app.is_org_admin(m.org_id))));

-- Templates: system ones (org_id null) are read by every signed-in user and written by nobody.
create policy "sequence_templates: authenticated can select system and member orgs" on public.sequence_templates for select to authenticated
  using (org_id is null or org_id in (select app.user_org_ids()));
create policy "sequence_templates: authenticated can insert member orgs" on public.sequence_templates for insert to authenticated
  with check (org_id in (select app.user_org_ids()) and not is_system);
create policy "sequence_templates: authenticated can update member orgs" on public.sequence_templates for update to authenticated
  using (org_id in (select app.user_org_ids())) with check (org_id in (select app.user_org_ids()) and not is_system);
create policy "sequence_templates: authenticated can delete member orgs" on public.sequence_templates for delete to authenticated
  using (org_id in (select app.user_org_ids()));

create policy "sequences: authenticated can select member orgs" on public.sequences for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "sequences: authenticated can insert member orgs" on public.sequences for insert to authenticated with check (
  org_id in (select app.user_org_ids())
  and (template_id is null or exists (select 1 from public.sequence_templates x where x.id = sequences.template_id and (x.org_id is null or x.org_id = sequences.org_id))));
create policy "sequences: authenticated can update member orgs" on public.sequences for update to authenticated
  using (org_id in (select app.user_org_ids()))
  with check (org_id in (select app.user_org_ids())
  and (template_id is null or exists (select 1 from public.sequence_templates x where x.id = sequences.template_id and (x.org_id is null or x.org_id = sequences.org_id))));
create policy "sequences: authenticated can delete member orgs" on public.sequences for delete to authenticated using (org_id in (select app.user_org_ids()));

-- Versions are history: added, read, never changed (the trigger refuses even the service role).
create policy "sequence_versions: authenticated can select member orgs" on public.sequence_versions for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "sequence_versions: authenticated can insert member orgs" on public.sequence_versions for insert to authenticated with check (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.sequences x where x.id = sequence_versions.sequence_id and x.org_id = sequence_versions.org_id));

create policy "campaigns: authenticated can select member orgs" on public.campaigns for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "campaigns: authenticated can insert member orgs" on public.campaigns for insert to authenticated with check (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.sequences x where x.id = campaigns.sequence_id and x.org_id = campaigns.org_id)
  and (template_id is null or exists (select 1 from public.sequence_templates x where x.id = campaigns.template_id and (x.org_id is null or x.org_id = campaigns.org_id))));
create policy "campaigns: authenticated can update member orgs" on public.campaigns for update to authenticated
  using (org_id in (select app.user_org_ids()))
  with check (org_id in (select app.user_org_ids())
  and exists (select 1 from public.sequences x where x.id = campaigns.sequence_id and x.org_id = campaigns.org_id)
  and (template_id is null or exists (select 1 from public.sequence_templates x where x.id = campaigns.template_id and (x.org_id is null or x.org_id = campaigns.org_id))));
create policy "campaigns: authenticated can delete member orgs" on public.campaigns for delete to authenticated using (org_id in (select app.user_org_ids()));

create policy "campaign_mailboxes: authenticated can select member orgs" on public.campaign_mailboxes for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "campaign_mailboxes: authenticated can insert member orgs" on public.campaign_mailboxes for insert to authenticated with check (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.campaigns x where x.id = campaign_mailboxes.campaign_id and x.org_id = campaign_mailboxes.org_id)
  and exists (select 1 from public.mailboxes x where x.id = campaign_mailboxes.mailbox_id and x.org_id = campaign_mailboxes.org_id));
create policy "campaign_mailboxes: authenticated can delete member orgs" on public.campaign_mailboxes for delete to authenticated using (org_id in (select app.user_org_ids()));

create policy "enrollments: authenticated can select member orgs" on public.enrollments for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "enrollments: authenticated can insert member orgs" on public.enrollments for insert to authenticated with check (
  org_id in (select app.user_org_ids())
  and exists (select 1 from public.campaigns x where x.id = enrollments.campaign_id and x.org_id = enrollments.org_id)
  and exists (select 1 from public.leads x where x.id = enrollments.lead_id and x.org_id = enrollments.org_id)
  and exists (select 1 from public.sequence_versions x where x.id = enrollments.sequence_version_id and x.org_id = enrollments.org_id)
  and (mailbox_id is null or exists (select 1 from public.mailboxes x where x.id = enrollments.mailbox_id and x.org_id = enrollments.org_id)));
create policy "enrollments: authenticated can update member orgs" on public.enrollments for update to authenticated
  using (org_id in (select app.user_org_ids()))
  with check (org_id in (select app.user_org_ids())
  and exists (select 1 from public.campaigns x where x.id = enrollments.campaign_id and x.org_id = enrollments.org_id)
  and exists (select 1 from public.leads x where x.id = enrollments.lead_id and x.org_id = enrollments.org_id)
  and exists (select 1 from public.sequence_versions x where x.id = enrollments.sequence_version_id and x.org_id = enrollments.org_id)
  and (mailbox_id is null or exists (select 1 from public.mailboxes x where x.id = enrollments.mailbox_id and x.org_id = enrollments.org_id)));
create policy "enrollments: authenticated can delete as admin" on public.enrollments for delete to authenticated using (app.is_org_admin(org_id));

-- Messages are made by the advance job (service role); members review, edit, approve and cancel them.
create policy "messages: authenticated can select member orgs" on public.messages for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "messages: authenticated can update member orgs" on public.messages for update to authenticated
  using (org_id in (select app.user_org_ids()))
  with check (org_id in (select app.user_org_ids())
  and exists (select 1 from public.enrollments x where x.id = messages.enrollment_id and x.org_id = messages.org_id and x.campaign_id = messages.campaign_id and x.lead_id = messages.lead_id)
  and (mailbox_id is null or exists (select 1 from public.mailboxes x where x.id = messages.mailbox_id and x.org_id = messages.org_id)));

-- Unsent, unclaimed emails may be dropped (to compose them again after a fix or a version move); never a sent one.
create policy "messages: authenticated can delete unsent in member orgs" on public.messages for delete to authenticated
  using (org_id in (select app.user_org_ids()) and status in ('blocked', 'pending_approval', 'scheduled'));

create policy "message_events: authenticated can select member orgs" on public.message_events for select to authenticated using (org_id in (select app.user_org_ids()));

create policy "tasks: authenticated can select member orgs" on public.tasks for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "tasks: authenticated can insert member orgs" on public.tasks for insert to authenticated with check (
  org_id in (select app.user_org_ids())
  and (lead_id is null or exists (select 1 from public.leads x where x.id = tasks.lead_id and x.org_id = tasks.org_id))
  and (enrollment_id is null or exists (select 1 from public.enrollments x where x.id = tasks.enrollment_id and x.org_id = tasks.org_id))
  and (assignee_id is null or exists (select 1 from public.memberships x where x.user_id = tasks.assignee_id and x.org_id = tasks.org_id)));
create policy "tasks: authenticated can update member orgs" on public.tasks for update to authenticated
  using (org_id in (select app.user_org_ids()))
  with check (org_id in (select app.user_org_ids())
  and (assignee_id is null or exists (select 1 from public.memberships x where x.user_id = tasks.assignee_id and x.org_id = tasks.org_id)));
create policy "tasks: authenticated can delete as admin" on public.tasks for delete to authenticated using (app.is_org_admin(org_id));

create policy "webhook_executions: authenticated can select member orgs" on public.webhook_executions for select to authenticated using (org_id in (select app.user_org_ids()));
create policy "scheduling_webhook_events: authenticated can select as admin" on public.scheduling_webhook_events for select to authenticated using (app.is_org_admin(org_id));

-- ---------------------------------------------------------------------------------------------
-- system templates (S1): seed 002 §3.1, plus one for every category of seed 003
-- ---------------------------------------------------------------------------------------------
insert into public.sequence_templates (id, org_id, is_system, name, description, category, industry, use_case, channels, steps) values
(
  '5e9d0000-0000-4000-8000-000000000001', null, true, 'SaaS Cold Outreach', 'Professional B2B SaaS outreach sequence',
  'cold_outreach', 'saas', 'cold_outreach', '{email}',
  $steps$[
    {"id": "s1", "type": "email", "name": "Opener", "thread": false, "variants": [{"key": "A", "weight": 100,
      "subject": "Quick question about {{company}}",
      "html": "<p>Hi {{first_name}},</p><p>I noticed {{company}} is growing fast in the {{industry}} space. Congrats!</p><p>I'm curious - how are you currently handling {{pain_point}}?</p><p>We've helped similar companies like {{competitor}} reduce {{metric}} by {{percentage}}.</p><p>Worth a quick chat?</p><p>{{sender_name}}</p>"}]},
    {"id": "w1", "type": "wait", "days": 3, "hours": 0},
    {"id": "s2", "type": "email", "name": "Bump", "thread": true, "variants": [{"key": "A", "weight": 100,
      "subject": "Re: Quick question about {{company}}",
      "html": "<p>Hi {{first_name}},</p><p>Just bumping this up. I know {{job_title}}s are busy, but I thought this might be relevant.</p><p>We recently helped a {{company_size}} company in {{industry}} achieve {{result}}.</p><p>Happy to share how - would a 15-min call work?</p><p>{{sender_name}}</p>"}]},
    {"id": "w2", "type": "wait", "days": 5, "hours": 0},
    {"id": "s3", "type": "email", "name": "Last try", "thread": false, "variants": [{"key": "A", "weight": 100,
      "subject": "Last try - {{first_name}}",
      "html": "<p>Hi {{first_name}},</p><p>I'll keep this short - I don't want to spam you.</p><p>If {{pain_point}} isn't a priority right now, no worries. But if it ever becomes one, I'd love to help.</p><p>Either way, wishing you and {{company}} continued success.</p><p>{{sender_name}}</p>"}]}
  ]$steps$::jsonb
),
(
  '5e9d0000-0000-4000-8000-000000000002', null, true, 'Agency New Client', 'Agency outreach for new client acquisition',
  'cold_outreach', 'agency', 'cold_outreach', '{email}',
  $steps$[
    {"id": "s1", "type": "email", "name": "Compliment and offer", "thread": false, "variants": [{"key": "A", "weight": 100,
      "subject": "Loved what {{company}} did with {{recent_work}}",
      "html": "<p>Hi {{first_name}},</p><p>I came across {{company}}'s recent {{recent_work}} and was really impressed.</p><p>We're a {{agency_type}} agency and we've helped brands like {{client_example}} achieve {{result}}.</p><p>I have a few ideas that could help {{company}} {{goal}}.</p><p>Would you be open to a quick call?</p><p>{{sender_name}}</p>"}]},
    {"id": "w1", "type": "wait", "days": 4, "hours": 0},
    {"id": "s2", "type": "email", "name": "Audit follow-up", "thread": true, "variants": [{"key": "A", "weight": 100,
      "subject": "Re: Ideas for {{company}}",
      "html": "<p>Hi {{first_name}},</p><p>Following up on my last note. I put together a quick audit of {{company}}'s {{area}} - found some interesting opportunities.</p><p>Happy to walk you through it - no strings attached.</p><p>{{sender_name}}</p>"}]},
    {"id": "w2", "type": "wait", "days": 6, "hours": 0},
    {"id": "s3", "type": "email", "name": "Break-up", "thread": false, "variants": [{"key": "A", "weight": 100,
      "subject": "Quick question",
      "html": "<p>Hi {{first_name}},</p><p>Is {{area}} something you're focused on right now? If not, I'll stop reaching out.</p><p>But if it is, I'd love to share what we've learned working with similar brands.</p><p>{{sender_name}}</p>"}]}
  ]$steps$::jsonb
),
(
  '5e9d0000-0000-4000-8000-000000000003', null, true, 'Multi-Channel Outreach', 'Email + WhatsApp combined sequence',
  'cold_outreach', 'general', 'cold_outreach', '{email,whatsapp}',
  $steps$[
    {"id": "s1", "type": "email", "name": "Opener", "thread": false, "variants": [{"key": "A", "weight": 100,
      "subject": "{{first_name}}, quick question",
      "html": "<p>Hi {{first_name}},</p><p>{{personalized_opener}}</p><p>I'd love to share how we've helped companies like yours {{benefit}}.</p><p>Worth a quick chat?</p><p>{{sender_name}}</p>"}]},
    {"id": "w1", "type": "wait", "days": 2, "hours": 0},
    {"id": "s2", "type": "whatsapp", "name": "WhatsApp nudge",
      "body": "Hi {{first_name}}, I sent you an email a couple days ago about {{topic}}. Did you get a chance to see it? Happy to jump on a quick call if helpful. - {{sender_name}}"},
    {"id": "w2", "type": "wait", "days": 4, "hours": 0},
    {"id": "s3", "type": "email", "name": "Case study", "thread": true, "variants": [{"key": "A", "weight": 100,
      "subject": "Re: {{first_name}}, quick question",
      "html": "<p>Hi {{first_name}},</p><p>Just following up. I know you're busy.</p><p>Here's a quick case study that might be relevant: {{case_study_link}}</p><p>Let me know if you'd like to discuss.</p><p>{{sender_name}}</p>"}]},
    {"id": "w3", "type": "wait", "days": 7, "hours": 0},
    {"id": "s4", "type": "whatsapp", "name": "Last WhatsApp",
      "body": "Hey {{first_name}}, last message from me! If now isn't the right time, totally understand. But if {{pain_point}} becomes a priority, I'd love to help. - {{sender_name}}"}
  ]$steps$::jsonb
),
(
  '5e9d0000-0000-4000-8000-000000000004', null, true, 'Recruiting: Passive Candidate', 'Reach a passive candidate about an open role, with a call task for the recruiter',
  'cold_outreach', 'recruiting', 'recruitment', '{email}',
  $steps$[
    {"id": "s1", "type": "email", "name": "Role intro", "thread": false, "variants": [
      {"key": "A", "weight": 50, "subject": "{Opportunity|A role} at {{my_company|our team}}, {{first_name|there}}?",
       "html": "<p>{Hi|Hello} {{first_name|there}},</p><p>Your work as {{title|a leader in your field}} at {{company|your company}} caught my eye. We are hiring for a role that fits your background.</p><p>Open to a 10-minute chat this week?</p><p>{{sender_name}}</p>"},
      {"key": "B", "weight": 50, "subject": "Quick idea for your next move, {{first_name|there}}",
       "html": "<p>Hi {{first_name|there}},</p><p>I recruit for {{my_company|our team}} and think you would be a strong fit for a role we are filling. Worth a short call?</p><p>{{sender_name}}</p>"}]},
    {"id": "w1", "type": "wait", "days": 3, "hours": 0},
    {"id": "c1", "type": "conditional", "condition": "opened", "negate": false, "withinDays": 3, "ref": "s1", "onTrue": "t1", "onFalse": "s2"},
    {"id": "t1", "type": "task", "title": "Call {{first_name|the candidate}} about the role", "taskType": "call", "assignee": "campaign_owner", "dueInDays": 1, "waitForCompletion": false},
    {"id": "s2", "type": "email", "name": "Follow-up", "thread": true, "variants": [{"key": "A", "weight": 100,
      "subject": "", "html": "<p>Hi {{first_name|there}}, just floating this back up in case it got buried. Happy to share details by email if a call is hard to fit in.</p><p>{{sender_name}}</p>"}]}
  ]$steps$::jsonb
),
(
  '5e9d0000-0000-4000-8000-000000000005', null, true, 'Content Nurture', 'Stay in touch with warm leads by sharing useful content every week',
  'nurture', 'general', 'nurture', '{email}',
  $steps$[
    {"id": "s1", "type": "email", "name": "Useful resource", "thread": false, "variants": [{"key": "A", "weight": 100,
      "subject": "A resource for {{company|your team}}",
      "html": "<p>Hi {{first_name|there}},</p><p>{Thought|I thought} this might be useful for {{company|your team}}: a short guide our customers use to plan their quarter.</p><p>No ask - just sharing.</p><p>{{sender_name}}</p>"}]},
    {"id": "w1", "type": "wait", "days": 7, "hours": 0},
    {"id": "s2", "type": "email", "name": "Customer story", "thread": false, "variants": [{"key": "A", "weight": 100,
      "subject": "How a team like {{company|yours}} saved 10 hours a week",
      "html": "<p>Hi {{first_name|there}},</p><p>Here is a short story from a customer in {{industry|your industry}} and what changed for them.</p><p>{{sender_name}}</p>"}]},
    {"id": "w2", "type": "wait", "days": 7, "hours": 0},
    {"id": "c1", "type": "conditional", "condition": "clicked", "negate": false, "withinDays": 7, "ref": "s2", "onTrue": "s3", "onFalse": "end"},
    {"id": "s3", "type": "email", "name": "Invite to talk", "thread": true, "variants": [{"key": "A", "weight": 100,
      "subject": "", "html": "<p>Hi {{first_name|there}}, glad the story was useful. If you would like to see how it would work at {{company|your company}}, I am happy to set up 20 minutes.</p><p>{{sender_name}}</p>"}]}
  ]$steps$::jsonb
),
(
  '5e9d0000-0000-4000-8000-000000000006', null, true, 'Post-Demo Follow-up', 'Follow up after a demo or meeting, with a reminder task for the owner',
  'follow_up', 'saas', 'follow_up', '{email}',
  $steps$[
    {"id": "s1", "type": "email", "name": "Thanks and recap", "thread": false, "variants": [{"key": "A", "weight": 100,
      "subject": "Thanks for your time, {{first_name|there}}",
      "html": "<p>Hi {{first_name|there}},</p><p>Thank you for the time today. As promised, here is a short recap and the next steps we discussed for {{company|your team}}.</p><p>{{sender_name}}</p>"}]},
    {"id": "w1", "type": "wait", "days": 2, "hours": 0},
    {"id": "c1", "type": "conditional", "condition": "replied", "negate": true, "withinDays": 2, "ref": "s1", "onTrue": "s2", "onFalse": "end"},
    {"id": "s2", "type": "email", "name": "Check-in", "thread": true, "variants": [{"key": "A", "weight": 100,
      "subject": "", "html": "<p>Hi {{first_name|there}}, checking in on the next steps - is there anything I can send to help the decision?</p><p>{{sender_name}}</p>"}]},
    {"id": "w2", "type": "wait", "days": 3, "hours": 0},
    {"id": "t1", "type": "task", "title": "Call {{first_name|the lead}} at {{company|their company}} about the proposal", "taskType": "call", "assignee": "campaign_owner", "dueInDays": 1, "waitForCompletion": false}
  ]$steps$::jsonb
),
(
  '5e9d0000-0000-4000-8000-000000000007', null, true, 'Event Invitation', 'Invite prospects to an event or webinar and remind them',
  'follow_up', 'general', 'event_invitation', '{email}',
  $steps$[
    {"id": "s1", "type": "email", "name": "Invitation", "thread": false, "variants": [{"key": "A", "weight": 100,
      "subject": "{{first_name|You}}, join us at {{event_name|our next event}}",
      "html": "<p>Hi {{first_name|there}},</p><p>We are hosting {{event_name|an event}} for teams in {{industry|your industry}} and would love to have you there.</p><p>{{sender_name}}</p>"}]},
    {"id": "w1", "type": "wait", "days": 4, "hours": 0},
    {"id": "s2", "type": "email", "name": "Reminder", "thread": true, "variants": [{"key": "A", "weight": 100,
      "subject": "", "html": "<p>Hi {{first_name|there}}, a quick reminder - seats are limited. Reply and I will save you one.</p><p>{{sender_name}}</p>"}]}
  ]$steps$::jsonb
),
(
  '5e9d0000-0000-4000-8000-000000000008', null, true, 'Win Back Closed-Lost', 'Reopen the conversation with leads that went quiet or chose another vendor',
  'win_back', 'general', 'win_back', '{email}',
  $steps$[
    {"id": "s1", "type": "email", "name": "What changed", "thread": false, "variants": [{"key": "A", "weight": 100,
      "subject": "{A lot|Quite a bit} has changed since we last spoke, {{first_name|there}}",
      "html": "<p>Hi {{first_name|there}},</p><p>It has been a while since we talked about {{company|your team}}'s plans. We have shipped a lot since then, including what you asked about last time.</p><p>Worth a fresh look?</p><p>{{sender_name}}</p>"}]},
    {"id": "w1", "type": "wait", "days": 5, "hours": 0},
    {"id": "s2", "type": "email", "name": "Offer", "thread": true, "variants": [{"key": "A", "weight": 100,
      "subject": "", "html": "<p>Hi {{first_name|there}}, if timing was the issue, we can start with a small pilot at no cost. Interested?</p><p>{{sender_name}}</p>"}]},
    {"id": "w2", "type": "wait", "days": 10, "hours": 0},
    {"id": "s3", "type": "email", "name": "Close the loop", "thread": false, "variants": [{"key": "A", "weight": 100,
      "subject": "Should I close your file, {{first_name|there}}?",
      "html": "<p>Hi {{first_name|there}},</p><p>I will not reach out again after this. If anything changes at {{company|your company}}, just reply.</p><p>{{sender_name}}</p>"}]}
  ]$steps$::jsonb
),
(
  '5e9d0000-0000-4000-8000-000000000009', null, true, 'Simple Three-Step', 'A plain three-email sequence to start from and make your own',
  'custom', 'general', 'custom', '{email}',
  $steps$[
    {"id": "s1", "type": "email", "name": "First email", "thread": false, "variants": [{"key": "A", "weight": 100,
      "subject": "{{first_name|Hi}}, a quick idea for {{company|your team}}",
      "html": "<p>Hi {{first_name|there}},</p><p>Write your opener here.</p><p>{{sender_name}}</p>"}]},
    {"id": "w1", "type": "wait", "days": 3, "hours": 0},
    {"id": "s2", "type": "email", "name": "Follow-up", "thread": true, "variants": [{"key": "A", "weight": 100,
      "subject": "", "html": "<p>Hi {{first_name|there}}, following up on my note below.</p><p>{{sender_name}}</p>"}]},
    {"id": "w2", "type": "wait", "days": 4, "hours": 0},
    {"id": "s3", "type": "email", "name": "Last note", "thread": true, "variants": [{"key": "A", "weight": 100,
      "subject": "", "html": "<p>Hi {{first_name|there}}, last note from me - reply any time if this becomes a priority.</p><p>{{sender_name}}</p>"}]}
  ]$steps$::jsonb
);
