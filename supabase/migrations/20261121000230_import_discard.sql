-- An upload nobody has confirmed yet (status 'uploaded': the mapping screen) can be discarded by the
-- member who uploaded it, not only by owners and admins. Its stored file goes with it (cascade).
create policy "imports: uploader can delete an unconfirmed upload" on public.imports for delete to authenticated
  using (org_id in (select app.user_org_ids()) and created_by = auth.uid() and status = 'uploaded');
