/** The company a created or edited lead belongs to: by id, or found or created by domain then name. */
import { one, sql, type Db } from '@/db';
import { AppError } from '@/lib/errors';
import { FREE_MAIL_DOMAINS, emailDomain, normaliseDomain } from './normalise';
import { resolveCompanies, companyKey } from './resolve-companies';

export type TLeadCompanyInput = { companyId?: string | null; companyName?: string | null; companyDomain?: string | null };

/** undefined: no change asked; null: no company; otherwise the company. */
export async function leadCompany(db: Db, orgId: string, input: TLeadCompanyInput, email: string | null): Promise<{ id: string; name: string } | null | undefined> {
  if (input.companyId) {
    const c = await one<{ id: string; name: string }>(
      db,
      sql`select id, name from public.companies where id = ${input.companyId}::uuid and org_id = ${orgId}::uuid and deleted_at is null`,
    );
    if (!c) throw new AppError('NOT_FOUND', 'That company does not exist.', { fields: { companyId: ['No such company.'] } });
    return c;
  }
  if (input.companyId === null && input.companyName === undefined && input.companyDomain === undefined) return null;
  const name = input.companyName?.trim() || null;
  let domain: string | null = null;
  if (input.companyDomain?.trim()) {
    const d = normaliseDomain(input.companyDomain);
    if (d.error) throw new AppError('INVALID_INPUT', d.error, { fields: { companyDomain: [d.error] } });
    domain = d.value ?? null;
  } else if (name && email && !FREE_MAIL_DOMAINS.has(emailDomain(email))) domain = emailDomain(email);
  if (!name && !domain) return input.companyName === null || input.companyDomain === null || input.companyId === null ? null : undefined;
  const candidate = { name: name ?? domain!, domain };
  const resolved = await resolveCompanies(db, orgId, [candidate]);
  return resolved.get(companyKey(candidate)) ?? null;
}
