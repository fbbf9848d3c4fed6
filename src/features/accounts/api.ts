/**
 * /api/v1 contracts of the accounts feature (P1, P6, P8) and the mappers from rows to response bodies.
 * Route files under app/api/v1 are `export const GET = route(contract, handler)`; /api/openapi.json is
 * built from these same objects.
 */
import { z } from 'zod';
import { ROLES } from '@/db/schema';
import { endpoint, type TEndpoint } from '@/lib/http/endpoint';
import { ZAuditQuery, ZCreateApiKey, ZInvite, ZPatchOrganization, zRole } from './schemas';
import type { TApiKeyStatus } from './api-keys';
import type { TInvitationStatus } from './invitations';

const zIso = z.iso.datetime({ offset: true });
const ADMINS = ['owner', 'admin'] as const satisfies (typeof ROLES)[number][];
const iso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();
const isoOrNull = (d: Date | string | null | undefined): string | null => (d ? iso(d) : null);

// ---- response schemas --------------------------------------------------------------------------

export const ZMeResponse = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), fullName: z.string().nullable() }),
  organization: z.object({ id: z.uuid(), name: z.string() }),
  role: z.enum(ROLES),
  via: z.enum(['session', 'api_key']),
  organizations: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.enum(ROLES) })),
});

const ZBusinessContextOut = z.object({
  company_name: z.string().optional(),
  industry: z.string().optional(),
  target_audience: z.string().optional(),
  value_proposition: z.string().optional(),
  tone: z.string().optional(),
  key_pain_points: z.array(z.string()).optional(),
  case_studies: z.array(z.string()).optional(),
  cta: z.string().optional(),
  sender_name: z.string().optional(),
  sender_title: z.string().optional(),
});

export const ZOrganizationResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  timezone: z.string(),
  sendWindowStart: z.string().regex(/^\d{2}:\d{2}$/),
  sendWindowEnd: z.string().regex(/^\d{2}:\d{2}$/),
  sendDays: z.array(z.number().int().min(1).max(7)),
  businessContext: ZBusinessContextOut,
  postalAddress: z.string().nullable(),
  plan: z.enum(['free', 'pro', 'enterprise']),
  createdAt: zIso,
  updatedAt: zIso,
});

const ZMember = z.object({ userId: z.uuid(), email: z.string(), fullName: z.string().nullable(), role: z.enum(ROLES), joinedAt: zIso });
export const ZMembersResponse = z.object({ members: z.array(ZMember) });
export const ZMemberResponse = z.object({ member: z.object({ userId: z.uuid(), role: z.enum(ROLES) }) });
export const ZMemberRemovedResponse = z.object({ userId: z.uuid(), removed: z.literal(true) });

const ZInvitation = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(ROLES),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: zIso,
  acceptedAt: zIso.nullable(),
  revokedAt: zIso.nullable(),
  createdAt: zIso,
});
export const ZInvitationsResponse = z.object({ invitations: z.array(ZInvitation) });
export const ZInvitationCreatedResponse = z.object({
  invitation: ZInvitation,
  /** The link to accept (also emailed). Treat it like a password until it is used. */
  link: z.url(),
  emailed: z.boolean(),
});
export const ZInvitationRevokedResponse = z.object({ id: z.uuid(), revoked: z.literal(true) });

const ZApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  status: z.enum(['active', 'revoked', 'inactive']),
  createdByEmail: z.string().nullable(),
  createdAt: zIso,
  lastUsedAt: zIso.nullable(),
  revokedAt: zIso.nullable(),
});
export const ZApiKeysResponse = z.object({ apiKeys: z.array(ZApiKey) });
export const ZApiKeyCreatedResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: zIso,
  /** The full key. It is shown this once; only its SHA-256 is stored. */
  key: z.string().startsWith('lp_'),
});
export const ZApiKeyRevokedResponse = z.object({ id: z.uuid(), revoked: z.literal(true) });

const ZAuditEntry = z.object({
  id: z.uuid(),
  action: z.string(),
  actorType: z.enum(['user', 'api_key', 'system']),
  actorId: z.uuid().nullable(),
  actorEmail: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  createdAt: zIso,
});
export const ZAuditLogResponse = z.object({
  entries: z.array(ZAuditEntry),
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});

// ---- mappers -----------------------------------------------------------------------------------

type TOrgRow = {
  id: string; name: string; slug: string; timezone: string; sendWindowStart: string; sendWindowEnd: string; sendDays: number[];
  businessContext: Record<string, unknown>; postalAddress: string | null; plan: 'free' | 'pro' | 'enterprise'; createdAt: Date; updatedAt: Date;
};

export function organizationDto(o: TOrgRow): z.infer<typeof ZOrganizationResponse> {
  return {
    id: o.id,
    name: o.name,
    slug: o.slug,
    timezone: o.timezone,
    sendWindowStart: o.sendWindowStart.slice(0, 5),
    sendWindowEnd: o.sendWindowEnd.slice(0, 5),
    sendDays: [...o.sendDays].map(Number).sort(),
    businessContext: o.businessContext as z.infer<typeof ZBusinessContextOut>,
    postalAddress: o.postalAddress,
    plan: o.plan,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
  };
}

export const memberDto = (m: { userId: string; email: string; fullName: string | null; role: (typeof ROLES)[number]; joinedAt: Date }) => ({
  userId: m.userId, email: m.email, fullName: m.fullName, role: m.role, joinedAt: iso(m.joinedAt),
});

export const invitationDto = (i: {
  id: string; email: string; role: (typeof ROLES)[number]; status: TInvitationStatus; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null; createdAt: Date;
}) => ({
  id: i.id, email: i.email, role: i.role, status: i.status, expiresAt: iso(i.expiresAt),
  acceptedAt: isoOrNull(i.acceptedAt), revokedAt: isoOrNull(i.revokedAt), createdAt: iso(i.createdAt),
});

export const apiKeyDto = (k: {
  id: string; name: string; prefix: string; status: TApiKeyStatus; createdByEmail: string | null; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null;
}) => ({
  id: k.id, name: k.name, prefix: k.prefix, status: k.status, createdByEmail: k.createdByEmail,
  createdAt: iso(k.createdAt), lastUsedAt: isoOrNull(k.lastUsedAt), revokedAt: isoOrNull(k.revokedAt),
});

// ---- contracts ---------------------------------------------------------------------------------

const TAGS = { me: ['Account'], org: ['Organization'], members: ['Members'], keys: ['API keys'], audit: ['Audit log'] };
const zUserIdParams = z.object({ userId: z.uuid() });
const zIdParams = z.object({ id: z.uuid() });

export const getMeEndpoint = endpoint({
  method: 'GET', path: '/api/v1/me', auth: 'user', tags: TAGS.me,
  summary: 'Who is calling: the user, the active organization and the role there',
  response: ZMeResponse,
});

export const getOrganizationEndpoint = endpoint({
  method: 'GET', path: '/api/v1/organization', auth: 'user', tags: TAGS.org,
  summary: 'The active organization and its settings',
  response: ZOrganizationResponse,
});

export const patchOrganizationEndpoint = endpoint({
  method: 'PATCH', path: '/api/v1/organization', auth: 'user', roles: [...ADMINS], tags: TAGS.org,
  summary: 'Change organization settings (owners and admins)',
  description: 'Send only the fields to change. Business-context keys given replace the stored ones; an empty string or null clears one. Send days use ISO numbers (1 = Monday … 7 = Sunday).',
  body: ZPatchOrganization, bodyLimit: 64_000,
  response: ZOrganizationResponse,
});

export const listMembersEndpoint = endpoint({
  method: 'GET', path: '/api/v1/members', auth: 'user', tags: TAGS.members,
  summary: 'Members of the organization',
  response: ZMembersResponse,
});

export const patchMemberEndpoint = endpoint({
  method: 'PATCH', path: '/api/v1/members/{userId}', auth: 'user', roles: [...ADMINS], tags: TAGS.members,
  summary: "Change a member's role (owners and admins; only owners make or unmake owners)",
  params: zUserIdParams, body: z.object({ role: zRole }).strict(), bodyLimit: 4_000,
  response: ZMemberResponse,
});

export const deleteMemberEndpoint = endpoint({
  method: 'DELETE', path: '/api/v1/members/{userId}', auth: 'user', tags: TAGS.members,
  summary: 'Remove a member (owners and admins), or leave (your own user id)',
  description: "The member's API keys in this organization are revoked. The last owner cannot be removed.",
  params: zUserIdParams,
  response: ZMemberRemovedResponse,
});

export const listInvitationsEndpoint = endpoint({
  method: 'GET', path: '/api/v1/invitations', auth: 'user', roles: [...ADMINS], tags: TAGS.members,
  summary: 'Invitations (pending by default; ?status=all for every recent one)',
  query: z.object({ status: z.enum(['pending', 'all']).default('pending') }),
  response: ZInvitationsResponse,
});

export const createInvitationEndpoint = endpoint({
  method: 'POST', path: '/api/v1/invitations', auth: 'user', roles: [...ADMINS], tags: TAGS.members,
  summary: 'Invite someone by email (replaces a pending invitation to the same address)',
  body: ZInvite, bodyLimit: 4_000, status: 201,
  // The invitation commits before its email is sent, so the handler opens its own transaction.
  transaction: false,
  response: ZInvitationCreatedResponse,
});

export const revokeInvitationEndpoint = endpoint({
  method: 'DELETE', path: '/api/v1/invitations/{id}', auth: 'user', roles: [...ADMINS], tags: TAGS.members,
  summary: 'Withdraw a pending invitation',
  params: zIdParams,
  response: ZInvitationRevokedResponse,
});

export const listApiKeysEndpoint = endpoint({
  method: 'GET', path: '/api/v1/api-keys', auth: 'user', roles: [...ADMINS], tags: TAGS.keys,
  summary: 'API keys of the organization (by prefix; the keys themselves are never returned)',
  response: ZApiKeysResponse,
});

export const createApiKeyEndpoint = endpoint({
  method: 'POST', path: '/api/v1/api-keys', auth: 'session', roles: [...ADMINS], tags: TAGS.keys,
  summary: 'Create an API key (signed-in owners and admins; the key is in this response only)',
  description: 'Only a browser session can create keys, so a leaked key cannot mint others that outlive its revocation.',
  body: ZCreateApiKey, bodyLimit: 4_000, status: 201,
  response: ZApiKeyCreatedResponse,
});

export const revokeApiKeyEndpoint = endpoint({
  method: 'DELETE', path: '/api/v1/api-keys/{id}', auth: 'user', roles: [...ADMINS], tags: TAGS.keys,
  summary: 'Revoke an API key (it stops working at once)',
  params: zIdParams,
  response: ZApiKeyRevokedResponse,
});

export const auditLogEndpoint = endpoint({
  method: 'GET', path: '/api/v1/audit-log', auth: 'user', roles: [...ADMINS], tags: TAGS.audit,
  summary: 'Audit log, newest first (owners and admins)',
  description: '`action` filters by prefix (e.g. "member." or "api_key"); `before` is the nextCursor of the previous page or an ISO timestamp.',
  query: ZAuditQuery,
  response: ZAuditLogResponse,
});

export const accountsApi: TEndpoint[] = [
  getMeEndpoint, getOrganizationEndpoint, patchOrganizationEndpoint, listMembersEndpoint, patchMemberEndpoint, deleteMemberEndpoint,
  listInvitationsEndpoint, createInvitationEndpoint, revokeInvitationEndpoint, listApiKeysEndpoint, createApiKeyEndpoint, revokeApiKeyEndpoint,
  auditLogEndpoint,
];
