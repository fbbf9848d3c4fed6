// The mailboxes feature's only door (M1–M3). Other features import from here.
export {
  findMailboxes, getMailbox, createMailbox, updateMailbox, deleteMailbox, pauseMailbox, resumeMailbox, ensureDevMailbox,
  loadSendingMailboxes, assertMailHost, mailTarget, actorOf, MAILBOXES_PATH,
  type TActor, type TMailboxView, type TMailboxRow, type TSendingMailbox,
} from './mailboxes';
export { testMailboxConnection, testMailboxSettings, type TConnectionTest } from './test-connection';
export { checkMailboxHealth, mailboxHealth, recordMailboxAuthFailure } from './health';
export { MailboxTransports, sharedTransports, type TMailboxSender } from './transport';
export {
  startMailboxOAuth, completeMailboxOAuth, ensureFreshAccessToken, oauthRedirectUri, OAUTH_ENDPOINTS, OAUTH_SERVERS, OAUTH_NONCE_COOKIE,
  type TOAuthProvider, type TOAuthEndpoints,
} from './oauth';
export { dailyCapOn, mailboxDate, health, pauseDecision, type THealth, type TPauseRule, type TWarmup } from './pacing';
export { ZCreateMailbox, ZUpdateMailbox, ZTestSettings, type TCreateMailbox, type TUpdateMailbox, type TTestSettings } from './schemas';
export * from './api';
