export { findDevMail, countDevMail, getDevMail, clearDevMailbox, mailHtmlForViewer } from './queries';
