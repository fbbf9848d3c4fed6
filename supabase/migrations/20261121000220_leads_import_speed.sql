-- Lead import speed (issue 3, "Performance"): two batch writers at once, with a checkpoint that
-- records exactly which rows each committed batch covered; one leads index fewer.

-- ---------------------------------------------------------------------------------------------
-- leads: the source filter does not need its own index. Sources are few (most leads say 'import'),
-- so the index selects little; "source + a sort" walks the sort's own index (name, company, created)
-- and filters, under a millisecond at 100k leads (tests/bench/leads-query.bench.ts). Every import
-- paid for keeping it up to date. The country index stays: "intent tier + country, by fit score"
-- needs it to stay far under 50 ms.
-- ---------------------------------------------------------------------------------------------
drop index public.leads_org_source_idx;

-- ---------------------------------------------------------------------------------------------
-- imports: batches. The file is cut into batches of batch_size data rows (blank rows skipped), so
-- batch boundaries are the same on every attempt; each committed batch leaves one import_batches row,
-- written in the batch's own transaction, and a resumed run skips every range recorded there.
-- processed_rows and the counts on imports stay the sums of those rows (each batch adds its own in
-- the same transaction).
-- ---------------------------------------------------------------------------------------------
alter table public.imports add column batch_size integer check (batch_size between 1 and 100000);

create table public.import_batches (
  import_id uuid not null references public.imports(id) on delete cascade,
  org_id uuid not null references public.organizations(id) on delete cascade,
  -- Data rows start_row … start_row + row_count - 1 of the file, counted from 0 (the header and blank
  -- rows are not data rows).
  start_row integer not null check (start_row >= 0),
  row_count integer not null check (row_count >= 1),
  created_count integer not null default 0 check (created_count >= 0),
  updated_count integer not null default 0 check (updated_count >= 0),
  skipped_duplicate_count integer not null default 0 check (skipped_duplicate_count >= 0),
  rejected_count integer not null default 0 check (rejected_count >= 0),
  suppressed_count integer not null default 0 check (suppressed_count >= 0),
  committed_at timestamptz not null default now(),
  primary key (import_id, start_row)
);
create index import_batches_org_idx on public.import_batches (org_id);

-- Imports stopped part-way by the previous job (one writer, 5,000-row batches, processed_rows = the
-- rows before its checkpoint) resume from the same place: their done rows become one range (it may
-- span several batches; a range covers every batch inside it).
update public.imports set batch_size = 5000 where processed_rows > 0 and status <> 'completed';
insert into public.import_batches (import_id, org_id, start_row, row_count, created_count, updated_count, skipped_duplicate_count,
                                   rejected_count, suppressed_count)
select id, org_id, 0, processed_rows, created_count, updated_count, skipped_duplicate_count, rejected_count, suppressed_count
from public.imports where processed_rows > 0 and status <> 'completed';

-- Written by the import job (service role); members read them, like the rejected rows.
revoke all on public.import_batches from anon;
grant select on public.import_batches to authenticated;
grant all on public.import_batches to service_role;
alter table public.import_batches enable row level security;
create policy "import_batches: authenticated can select member orgs" on public.import_batches for select to authenticated using (org_id in (select app.user_org_ids()));
