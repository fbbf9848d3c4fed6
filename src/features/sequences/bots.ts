/**
 * Which tracking hits are machines (S8): mail-privacy proxies, image proxies, security scanners and link
 * pre-fetchers. Their hits are recorded with is_bot and the rule that matched, and are excluded from
 * conditions ("opened within 3 days") and from human open/click metrics. Pure; the rules:
 *
 * 1. Request method HEAD (scanners probe links without fetching them).
 * 2. User agents of proxies and scanners: GoogleImageProxy (Gmail's image proxy, ggpht.com),
 *    YahooMailProxy, Microsoft link protection (SafeLinks, "Microsoft Defender", Office protocol
 *    discovery; Outlook itself opening an image counts as a person), Barracuda, Mimecast, Proofpoint (urldefense/ppops), Symantec/MessageLabs,
 *    Forcepoint, Trend Micro, Sophos, Cisco/IronPort, FireEye/Trellix, Zscaler, Fortinet, Trustwave,
 *    Avanan, Abnormal, SpamTitan, Hornetsecurity, Libraesva; link-preview fetchers (Slackbot,
 *    facebookexternalhit, Twitterbot, LinkedInBot, WhatsApp, TelegramBot, Discordbot, SkypeUriPreview,
 *    BingPreview); headless and scripted clients (HeadlessChrome, PhantomJS, Puppeteer, Playwright,
 *    curl, Wget, python-requests, Go-http-client, okhttp, Java/, libwww, axios, node-fetch, undici);
 *    anything that calls itself bot, crawler, spider, scanner or preview; an empty user agent.
 * 3. Apple Mail Privacy Protection: opens from Apple's 17.0.0.0/8, or with the bare user agent
 *    "Mozilla/5.0" that MPP's prefetch sends.
 * 4. Known proxy networks: Google's image-proxy ranges (66.102.0.0/20, 66.249.80.0/20, 74.125.0.0/16,
 *    64.233.160.0/19, 72.14.192.0/18) and Microsoft Exchange Online Protection (40.92.0.0/15,
 *    40.107.0.0/16, 52.100.0.0/14, 104.47.0.0/17).
 * 5. Timing: an open within 2 seconds of the send, or a click within 10 seconds of it — faster than a
 *    person can read — is a pre-fetch.
 */
import { BlockList, isIP } from 'node:net';

const UA_RULES: [RegExp, string][] = [
  [/GoogleImageProxy|ggpht\.com/i, 'Gmail image proxy'],
  [/YahooMailProxy/i, 'Yahoo mail proxy'],
  [/SafeLinks|Microsoft ?Defender|Microsoft Office Protocol Discovery|MSOffice.*Preview/i, 'Microsoft link protection'],
  [/Barracuda/i, 'Barracuda scanner'],
  [/Mimecast/i, 'Mimecast scanner'],
  [/Proofpoint|urldefense|ppops/i, 'Proofpoint scanner'],
  [/Symantec|MessageLabs|Forcepoint|Trend ?Micro|Sophos|IronPort|Cisco|FireEye|Trellix|Zscaler|Fortinet|FortiGuard|Trustwave|Avanan|Abnormal|SpamTitan|Hornetsecurity|Libraesva|Check ?Point/i, 'security scanner'],
  [/Slackbot|facebookexternalhit|Twitterbot|LinkedInBot|WhatsApp|TelegramBot|Discordbot|SkypeUriPreview|BingPreview|Applebot/i, 'link preview'],
  [/HeadlessChrome|PhantomJS|Puppeteer|Playwright|Selenium|webdriver/i, 'headless browser'],
  [/^(curl|Wget)\/|python-requests|python-urllib|aiohttp|Go-http-client|okhttp|^Java\/|libwww|axios|node-fetch|undici|Apache-HttpClient|HTTPie/i, 'scripted client'],
  [/bot\b|crawler|spider|scanner|preview|fetcher|monitor/i, 'bot user agent'],
];

const APPLE = new BlockList();
APPLE.addSubnet('17.0.0.0', 8, 'ipv4');

const PROXIES = new BlockList();
for (const [net, prefix] of [
  ['66.102.0.0', 20], ['66.249.80.0', 20], ['74.125.0.0', 16], ['64.233.160.0', 19], ['72.14.192.0', 18],
  ['40.92.0.0', 15], ['40.107.0.0', 16], ['52.100.0.0', 14], ['104.47.0.0', 17],
] as const) PROXIES.addSubnet(net, prefix, 'ipv4');

export type THit = {
  kind: 'open' | 'click';
  method?: string;
  userAgent?: string | null;
  ip?: string | null;
  at: Date;
  /** When the message was sent (carried in the signed token). */
  sentAt?: Date | null;
};

export type TBotVerdict = { isBot: boolean; reason?: string };

const v4 = (ip: string | null | undefined): string | undefined => {
  if (!ip) return undefined;
  const clean = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return isIP(clean) === 4 ? clean : undefined;
};

export function classifyHit(h: THit): TBotVerdict {
  if ((h.method ?? 'GET').toUpperCase() === 'HEAD') return { isBot: true, reason: 'HEAD request' };
  const ua = (h.userAgent ?? '').trim();
  if (!ua) return { isBot: true, reason: 'no user agent' };
  for (const [re, reason] of UA_RULES) if (re.test(ua)) return { isBot: true, reason };
  const ip = v4(h.ip);
  if (h.kind === 'open') {
    if (ua === 'Mozilla/5.0') return { isBot: true, reason: 'Apple Mail Privacy Protection' };
    if (ip && APPLE.check(ip, 'ipv4')) return { isBot: true, reason: 'Apple Mail Privacy Protection' };
  }
  if (ip && PROXIES.check(ip, 'ipv4')) return { isBot: true, reason: 'mail provider proxy network' };
  if (h.sentAt) {
    const ms = h.at.getTime() - h.sentAt.getTime();
    if (h.kind === 'open' && ms >= 0 && ms < 2_000) return { isBot: true, reason: 'opened within 2 s of sending' };
    if (h.kind === 'click' && ms >= 0 && ms < 10_000) return { isBot: true, reason: 'clicked within 10 s of sending' };
  }
  return { isBot: false };
}
