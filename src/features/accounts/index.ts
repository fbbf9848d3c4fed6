export * from './schemas';
export { signUp, signIn, signOut, requestPasswordReset, resetPassword, type TSessionDeps } from './session';
export { ensureAccount } from './ensure-account';
export { inviteMember, findInvitations, revokeInvitation, previewInvitation, acceptInvitation, INVITATION_DAYS, type TInvitationPreview } from './invitations';
export { findMembers, changeMemberRole, removeMember } from './members';
export { createOrganization, getOrganization, updateOrganization, slugify } from './organization';
export { createApiKey, findApiKeys, revokeApiKey } from './api-keys';
export { recordAudit, findAuditLog, type TAuditEntry } from './audit';
