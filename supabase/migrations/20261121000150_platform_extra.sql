-- Platform fixes found while building settings and the /api/v1 routes.
--
-- memberships_guard: the first version exempted "acting on yourself" from the owner rule, which let an
-- admin promote themselves to owner (update memberships set role = 'owner' where user_id = auth.uid()).
-- Now: making anyone an owner (yourself included) takes an owner; changing or removing an owner takes an
-- owner (an owner may still step down or leave, as long as another owner remains). The organization row
-- is still locked first, so two concurrent demotions cannot both pass the last-owner check.
create or replace function app.memberships_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := auth.uid();
  actor_is_owner boolean;
begin
  if not exists (select 1 from public.organizations where id = old.org_id) then
    return case when tg_op = 'DELETE' then old else new end; -- the organization itself is being deleted
  end if;
  perform 1 from public.organizations where id = old.org_id for update;
  if tg_op = 'UPDATE' then
    if new.role is not distinct from old.role then
      return new;
    end if;
  end if;
  if actor is not null then
    actor_is_owner := exists (
      select 1 from public.memberships m where m.org_id = old.org_id and m.user_id = actor and m.role = 'owner'
    );
    if not actor_is_owner then
      if old.role = 'owner' then
        raise exception 'FORBIDDEN: Only an owner can change an owner''s role or make someone an owner.';
      end if;
      if tg_op = 'UPDATE' then
        if new.role = 'owner' then
          raise exception 'FORBIDDEN: Only an owner can change an owner''s role or make someone an owner.';
        end if;
      end if;
    end if;
  end if;
  if old.role = 'owner' then
    if (tg_op = 'DELETE' or new.role <> 'owner')
       and not exists (select 1 from public.memberships m where m.org_id = old.org_id and m.role = 'owner' and m.user_id <> old.user_id) then
      raise exception 'CONFLICT: An organization needs at least one owner. Make someone else an owner first.';
    end if;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
