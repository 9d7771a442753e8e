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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return Object.freeze({
    noColor: (env.NO_COLOR ?? '') !== '',
    databaseUrl: env.DATABASE_URL?.trim() ? env.DATABASE_URL.trim() : null,
    messaging: messagingConfig(env),
  });
}
