import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The process environment, read once, validated and frozen (architecture.md habit 11). Nothing
 * else reads process.env.
 */
export interface Config {
  /** https://no-color.org: any non-empty NO_COLOR turns ANSI colour off. */
  readonly noColor: boolean;
  /** PostgreSQL connection string for commands that use a database. */
  readonly databaseUrl: string | null;
  readonly messaging: MessagingConfig;
  readonly spamCheck: SpamCheckConfig;
  readonly shopify: ShopifyAppConfig;
  /** DKIM signing of every email sent over SMTP, or null: docs/messaging.md "Sending domain". */
  readonly dkim: DkimConfig | null;
}

// --- Messaging (templates, sending, unsubscribe): docs/messaging.md "Configuration" ---

export interface MessagingConfig {
  /** REGULARS_PUBLIC_URL: where this server is reachable from a mail client; unsubscribe links start with it. No trailing slash. */
  readonly publicUrl: string | null;
  /** REGULARS_SMTP_URL: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465 (TLS from the start). */
  readonly smtpUrl: string | null;
  /** REGULARS_MAIL_FROM: the From header, e.g. "Sunny Beans <hello@sunnybeans.example>". */
  readonly mailFrom: string | null;
  /** REGULARS_UNSUBSCRIBE_MAILTO: an address that also unsubscribes (the mailto: form of List-Unsubscribe), if any. */
  readonly unsubscribeMailto: string | null;
  /** REGULARS_WEBHOOK_URL: where the worker POSTs webhook-channel messages (SMS and other tools), if any. */
  readonly webhookUrl: string | null;
  /** REGULARS_WEBHOOK_SECRET: the shared secret those POSTs are signed with; required with the URL. */
  readonly webhookSecret: string | null;
}

function optional(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function messagingConfig(env: NodeJS.ProcessEnv): MessagingConfig {
  const publicUrl = optional(env.REGULARS_PUBLIC_URL);
  if (publicUrl !== null && !/^https?:\/\/[^\s/]+/.test(publicUrl))
    throw new Error(`REGULARS_PUBLIC_URL must be an http(s) URL, not ${publicUrl}`);
  const smtpUrl = optional(env.REGULARS_SMTP_URL);
  if (smtpUrl !== null && !/^smtps?:\/\//.test(smtpUrl))
    throw new Error('REGULARS_SMTP_URL must start with smtp:// or smtps://');
  const webhookUrl = optional(env.REGULARS_WEBHOOK_URL);
  if (webhookUrl !== null && !/^https?:\/\//.test(webhookUrl))
    throw new Error(`REGULARS_WEBHOOK_URL must be an http(s) URL, not ${webhookUrl}`);
  const webhookSecret = optional(env.REGULARS_WEBHOOK_SECRET);
  if (webhookUrl !== null && (webhookSecret === null || webhookSecret.length < 16))
    throw new Error('REGULARS_WEBHOOK_SECRET (16 characters or more) must be set with REGULARS_WEBHOOK_URL');
  return Object.freeze({
    webhookUrl,
    webhookSecret,
    publicUrl: publicUrl === null ? null : publicUrl.replace(/\/+$/, ''),
    smtpUrl,
    mailFrom: optional(env.REGULARS_MAIL_FROM),
    unsubscribeMailto: optional(env.REGULARS_UNSUBSCRIBE_MAILTO),
  });
}

// --- end Messaging ---

// --- SpamAssassin check at flow enable: docs/messaging.md "The SpamAssassin check" ---

export interface SpamCheckConfig {
  /** REGULARS_SPAMASSASSIN: the spamassassin binary (a path, or a name on PATH; default `spamassassin`), or null for `off`. */
  readonly spamAssassin: string | null;
  /** REGULARS_SPAM_LIMIT: the highest score a flow's email may have to be enabled (default 5.0, SpamAssassin's own threshold). */
  readonly limit: number;
}

export const DEFAULT_SPAM_LIMIT = 5.0;

function spamCheckConfig(env: NodeJS.ProcessEnv): SpamCheckConfig {
  const binary = optional(env.REGULARS_SPAMASSASSIN) ?? 'spamassassin';
  const limitText = optional(env.REGULARS_SPAM_LIMIT);
  const limit = limitText === null ? DEFAULT_SPAM_LIMIT : Number(limitText);
  if (limitText !== null && (!/^-?\d+(\.\d+)?$/.test(limitText) || !Number.isFinite(limit)))
    throw new Error(`REGULARS_SPAM_LIMIT must be a number such as 5.0, not ${limitText}`);
  return Object.freeze({ spamAssassin: binary.toLowerCase() === 'off' ? null : binary, limit });
}

// --- end SpamAssassin check ---

// --- Shopify app install and secrets at rest: docs/shopify.md "Configuration" ---

export interface ShopifyAppConfig {
  /** REGULARS_SHOPIFY_CLIENT_ID: the app's client id (Partner Dashboard or the store admin's custom app). */
  readonly clientId: string | null;
  /** REGULARS_SHOPIFY_CLIENT_SECRET: the app's client secret; signs the OAuth callback and the app's webhooks. */
  readonly clientSecret: string | null;
  /** REGULARS_SHOPIFY_APP_URL: where Shopify reaches this server (redirect and webhook URLs); REGULARS_PUBLIC_URL when unset. No trailing slash. */
  readonly appUrl: string | null;
  /**
   * REGULARS_SHOPIFY_ADMIN_URL: the shop's Admin base, with {shop} for the shop's domain; default
   * https://{shop}. Only tests and local development change it (to a fake Shopify on 127.0.0.1).
   */
  readonly adminUrl: string;
  /** REGULARS_SECRET_KEY: 32 bytes (64 hex digits or base64) that encrypt access tokens at rest (AES-256-GCM). */
  readonly secretKey: Buffer | null;
  /** REGULARS_SECRET_KEY_PREVIOUS: the key before a rotation; still decrypts until `regulars shopify rotate-key` re-encrypts. */
  readonly previousSecretKey: Buffer | null;
}

export const DEFAULT_SHOPIFY_ADMIN_URL = 'https://{shop}';

function secretKey(value: string | undefined, name: string): Buffer | null {
  const text = optional(value);
  if (text === null) return null;
  const key = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(text)
      ? Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64')
      : null;
  if (key === null || key.length !== 32)
    throw new Error(`${name} must be 32 random bytes as 64 hex digits or base64 (openssl rand -hex 32)`);
  return key;
}

function shopifyAppConfig(env: NodeJS.ProcessEnv, publicUrl: string | null): ShopifyAppConfig {
  const appUrl = optional(env.REGULARS_SHOPIFY_APP_URL);
  if (appUrl !== null && !/^https?:\/\/[^\s/]+/.test(appUrl))
    throw new Error(`REGULARS_SHOPIFY_APP_URL must be an http(s) URL, not ${appUrl}`);
  const adminUrl = optional(env.REGULARS_SHOPIFY_ADMIN_URL) ?? DEFAULT_SHOPIFY_ADMIN_URL;
  if (!/^https?:\/\//.test(adminUrl) || !adminUrl.includes('{shop}'))
    throw new Error(`REGULARS_SHOPIFY_ADMIN_URL must be an http(s) URL containing {shop}, not ${adminUrl}`);
  return Object.freeze({
    clientId: optional(env.REGULARS_SHOPIFY_CLIENT_ID),
    clientSecret: optional(env.REGULARS_SHOPIFY_CLIENT_SECRET),
    appUrl: (appUrl ?? publicUrl)?.replace(/\/+$/, '') ?? null,
    adminUrl: adminUrl.replace(/\/+$/, ''),
    secretKey: secretKey(env.REGULARS_SECRET_KEY, 'REGULARS_SECRET_KEY'),
    previousSecretKey: secretKey(env.REGULARS_SECRET_KEY_PREVIOUS, 'REGULARS_SECRET_KEY_PREVIOUS'),
  });
}

// --- end Shopify app ---

// --- DKIM signing: docs/messaging.md "Sending domain" ---

export interface DkimConfig {
  /** REGULARS_DKIM_DOMAIN: the d= of the signature; default the domain of REGULARS_MAIL_FROM (DMARC aligns on it). */
  readonly domainName: string;
  /** REGULARS_DKIM_SELECTOR: the s= of the signature; the public key is published at SELECTOR._domainkey.DOMAIN. */
  readonly keySelector: string;
  /** REGULARS_DKIM_PRIVATE_KEY (PEM text) or REGULARS_DKIM_PRIVATE_KEY_FILE (a path to it): RSA, PKCS#1 or PKCS#8. */
  readonly privateKey: string;
}

function dkimConfig(env: NodeJS.ProcessEnv, mailFrom: string | null): DkimConfig | null {
  const inline = optional(env.REGULARS_DKIM_PRIVATE_KEY);
  const file = optional(env.REGULARS_DKIM_PRIVATE_KEY_FILE);
  const selector = optional(env.REGULARS_DKIM_SELECTOR);
  if (inline === null && file === null) {
    if (selector !== null)
      throw new Error('REGULARS_DKIM_SELECTOR is set without a key: set REGULARS_DKIM_PRIVATE_KEY_FILE too');
    return null;
  }
  if (inline !== null && file !== null)
    throw new Error('set REGULARS_DKIM_PRIVATE_KEY or REGULARS_DKIM_PRIVATE_KEY_FILE, not both');
  let pem: string;
  try {
    // Environment files often carry the PEM on one line with literal \n.
    pem = inline !== null ? inline.replace(/\\n/g, '\n') : readFileSync(file as string, 'utf8');
  } catch (error) {
    throw new Error(`REGULARS_DKIM_PRIVATE_KEY_FILE cannot be read: ${(error as Error).message}`);
  }
  try {
    if (createPrivateKey(pem).asymmetricKeyType !== 'rsa') throw new Error('not an RSA key');
  } catch (error) {
    throw new Error(`the DKIM private key is not an RSA private key in PEM (${(error as Error).message})`);
  }
  if (selector === null || !/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(selector))
    throw new Error(`REGULARS_DKIM_SELECTOR must be set with the key, a DNS label such as regulars1, not ${selector}`);
  const fromDomain = mailFrom === null ? null : (/@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1] ?? null);
  const domainName = (optional(env.REGULARS_DKIM_DOMAIN) ?? fromDomain)?.toLowerCase() ?? null;
  if (domainName === null || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domainName))
    throw new Error(
      `REGULARS_DKIM_DOMAIN must be the sending domain (shop.example), or REGULARS_MAIL_FROM must carry one; got ${domainName}`,
    );
  return Object.freeze({ domainName, keySelector: selector, privateKey: pem });
}

// --- end DKIM signing ---

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const messaging = messagingConfig(env);
  return Object.freeze({
    noColor: (env.NO_COLOR ?? '') !== '',
    databaseUrl: env.DATABASE_URL?.trim() ? env.DATABASE_URL.trim() : null,
    messaging,
    spamCheck: spamCheckConfig(env),
    shopify: shopifyAppConfig(env, messaging.publicUrl),
    dkim: dkimConfig(env, messaging.mailFrom),
  });
}
