export * from './schemas';
export { signUp, signIn, signOut, requestPasswordReset, resetPassword, type TSessionDeps } from './session';
export { ensureAccount } from './ensure-account';
export {
  inviteMember, createInvitation, findInvitations, revokeInvitation, previewInvitation, acceptInvitation, invitationStatus, INVITATION_DAYS,
  type TInvitationPreview, type TInvitationStatus,
} from './invitations';
export { findMembers, changeMemberRole, removeMember } from './members';
export { createOrganization, getOrganization, updateOrganization, patchOrganization, slugify } from './organization';
export { createApiKey, findApiKeys, revokeApiKey, type TApiKeyStatus } from './api-keys';
export { recordAudit, recordActorAudit, findAuditLog, AUDIT_CURSOR, type TAuditEntry, type TAuditActor, type TAuditRow } from './audit';
export * from './api';
