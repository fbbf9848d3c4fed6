-- Lead search (L3) for common words. app.search_lead_ids returned every matching id, and the table query
-- then joined on them: a word that matches thousands of leads ("garcia", "sales") made every page pay
-- for all of them (~100 ms at 100k leads). It now takes an optional limit; the query builder asks for
-- at most 2,001 ids: up to 2,000 it filters by that id list (rare words: the trigram index finds them),
-- beyond it filters with the same LIKE patterns in the query itself, so the planner walks the sort's
-- own index and stops after one page (common words match often, so a page fills quickly).
drop function app.search_lead_ids(uuid, text[], boolean);

create function app.search_lead_ids(p_org uuid, p_patterns text[], p_deleted boolean default false, p_limit integer default null)
returns setof uuid
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
  if p_limit is not null then
    q := q || ' limit $4';
  end if;
  return query execute q using p_org, p_patterns, p_deleted, p_limit;
end
$$;

revoke execute on function app.search_lead_ids(uuid, text[], boolean, integer) from public, anon;
grant execute on function app.search_lead_ids(uuid, text[], boolean, integer) to authenticated, service_role;
