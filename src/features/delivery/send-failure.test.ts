import { describe, expect, it } from 'vitest';
import { RegularsError } from '../../platform/errors.js';
import { answeredByServer, classifySendFailure } from './send-failure.js';

const mailFailure = (details: Record<string, unknown>) =>
  new RegularsError('MAIL_SEND_FAILED', 'the SMTP server did not take the message', { to: 'a@x.example', ...details });
const webhookFailure = (details: Record<string, unknown>) =>
  new RegularsError('WEBHOOK_DELIVERY_FAILED', 'the webhook was not delivered', {
    url: 'https://x.example',
    ...details,
  });

describe('whose fault a failed send is', () => {
  it('an unreachable or refusing SMTP server is the transport: refused, timed out, reset, greeting, login, 4xx', () => {
    expect(classifySendFailure(mailFailure({ code: 'ESOCKET', command: 'CONN', reason: 'connect ECONNREFUSED' }))).toBe(
      'transport',
    );
    expect(classifySendFailure(mailFailure({ code: 'ETIMEDOUT', command: 'CONN' }))).toBe('transport');
    expect(classifySendFailure(mailFailure({ code: 'ECONNECTION' }))).toBe('transport');
    expect(classifySendFailure(mailFailure({ code: 'EPROTOCOL', command: 'CONN', responseCode: 421 }))).toBe(
      'transport',
    );
    expect(classifySendFailure(mailFailure({ code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 451 }))).toBe(
      'transport',
    );
    expect(classifySendFailure(mailFailure({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 452 }))).toBe(
      'transport',
    );
    expect(classifySendFailure(mailFailure({ code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535 }))).toBe(
      'transport',
    );
    expect(classifySendFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe('transport');
  });

  it("a 5xx to the recipient or the content is this message's, permanently", () => {
    expect(classifySendFailure(mailFailure({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 }))).toBe(
      'permanent',
    );
    expect(classifySendFailure(mailFailure({ code: 'EMESSAGE', command: 'DATA', responseCode: 552 }))).toBe(
      'permanent',
    );
    expect(classifySendFailure(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 }))).toBe(
      'permanent',
    );
    expect(classifySendFailure(Object.assign(new Error('no'), { permanent: true }))).toBe('permanent');
    expect(classifySendFailure(new RegularsError('TEMPLATE_RENDER_FAILED', 'bad template', {}))).toBe('permanent');
  });

  it("a webhook endpoint's outage (no connection, 5xx, 429) is the transport; another 4xx is the message's", () => {
    expect(classifySendFailure(webhookFailure({ reason: 'ECONNREFUSED', code: 'ECONNREFUSED' }))).toBe('transport');
    expect(classifySendFailure(webhookFailure({ reason: 'no answer within 200 ms', code: 'ETIMEDOUT' }))).toBe(
      'transport',
    );
    expect(classifySendFailure(webhookFailure({ status: 503 }))).toBe('transport');
    expect(classifySendFailure(webhookFailure({ status: 429 }))).toBe('transport');
    expect(classifySendFailure(webhookFailure({ status: 400 }))).toBe('message');
    expect(classifySendFailure(webhookFailure({ status: 404 }))).toBe('message');
  });

  it('an error with nothing to tell it by counts against the message, as before', () => {
    expect(classifySendFailure(new Error('connection reset'))).toBe('message');
    expect(classifySendFailure('boom')).toBe('message');
    expect(classifySendFailure(null)).toBe('message');
  });

  it('knows when the server answered at all', () => {
    expect(answeredByServer(mailFailure({ responseCode: 550 }))).toBe(true);
    expect(answeredByServer(webhookFailure({ status: 400 }))).toBe(true);
    expect(answeredByServer(new Error('connection reset'))).toBe(false);
  });
});
