/**
 * Mail from the platform's functions to editors (notifications of residents' submissions, later the prikbord
 * and the newsletter). One message format, two ways out:
 *
 * - SMTP (nodemailer) when `SMTP_HOST` is set: `SMTP_PORT` (587), `SMTP_SECURE` ("true" for TLS from the start,
 *   port 465), `SMTP_USER`, `SMTP_PASSWORD`, and `MAIL_FROM` ("Buurtsite <noreply@voorbeeldwijk.nl>").
 * - Otherwise (a laptop, a test) each message is written as an `.eml` file into the outbox folder
 *   (`BUURT_OUTBOX_DIR`, default `.cache/outbox/`) and the log says where. On Netlify (`NETLIFY=true`) a
 *   missing SMTP configuration is an error instead: a function's disk is thrown away after the request.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { PlatformError } from '../core/errors.ts';
import { cacheRoot } from '../core/paths.ts';

/**
 * A message: plain text, optionally with an HTML alternative (multipart/alternative) and extra headers
 * (`List-Unsubscribe`). `replyTo` lets editors answer the resident directly.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  headers?: Record<string, string> | undefined;
  replyTo?: string | undefined;
}

export interface MailResult {
  transport: 'smtp' | 'outbox';
  messageId: string;
  /** The `.eml` file, for the outbox. */
  file?: string;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
}

/**
 * Thrown when mail cannot be sent; the message says why and which variable to set. An `environment` error: the
 * SMTP settings or the server.
 */
export class MailError extends PlatformError {
  constructor(message: string) {
    super(message, { kind: 'environment' });
    this.name = 'MailError';
  }
}

type Env = Record<string, string | undefined>;

/** The default sender when `MAIL_FROM` is not set. */
export const DEFAULT_FROM = 'Buurtsite <noreply@buurtsites.invalid>';

/** The SMTP settings in `env`, or undefined when `SMTP_HOST` is not set. */
export function smtpSettingsFromEnv(env: Env = process.env): SmtpSettings | undefined {
  const host = env.SMTP_HOST?.trim();
  if (!host) return undefined;
  const secure = env.SMTP_SECURE === 'true';
  const port = Number(env.SMTP_PORT ?? (secure ? 465 : 587));
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new MailError(`SMTP_PORT is "${env.SMTP_PORT}", which is not a port number; set it to 587 or 465.`);
  return { host, port, secure, user: env.SMTP_USER, password: env.SMTP_PASSWORD, from: env.MAIL_FROM?.trim() || DEFAULT_FROM };
}

/** The folder `.eml` files go to when no SMTP server is configured. */
export function outboxDir(env: Env = process.env): string {
  return path.resolve(env.BUURT_OUTBOX_DIR ?? path.join(cacheRoot(), 'outbox'));
}

export interface SendMailOptions {
  env?: Env;
  log?: (line: string) => void;
}

/** Sends `message` over SMTP, or writes it into the local outbox when no SMTP server is configured. */
export async function sendMail(message: MailMessage, options: SendMailOptions = {}): Promise<MailResult> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const smtp = smtpSettingsFromEnv(env);
  const mail = {
    from: smtp?.from ?? env.MAIL_FROM?.trim() ?? DEFAULT_FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    ...(message.headers ? { headers: message.headers } : {}),
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
  };
  if (smtp) {
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
    });
    try {
      const info = await transport.sendMail(mail);
      return { transport: 'smtp', messageId: info.messageId };
    } catch (error) {
      throw new MailError(
        `The SMTP server ${smtp.host}:${smtp.port} did not accept the message "${message.subject}": ${(error as Error).message.split(message.to).join('[address]')}`,
      );
    } finally {
      transport.close();
    }
  }
  if (env.NETLIFY === 'true') {
    throw new MailError(
      "No SMTP server is configured (SMTP_HOST is not set), so editors cannot be told; set SMTP_HOST, SMTP_USER, SMTP_PASSWORD and MAIL_FROM in the site's environment variables.",
    );
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail(mail);
  const dir = outboxDir(env);
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}-${randomUUID().slice(0, 8)}.eml`);
  await writeFile(file, info.message as Buffer, { mode: 0o600 });
  // The recipient is not named: a resident's address never reaches a log.
  log(`No SMTP server configured (SMTP_HOST): the mail "${message.subject}" was written to ${file}`);
  return { transport: 'outbox', messageId: info.messageId, file };
}
