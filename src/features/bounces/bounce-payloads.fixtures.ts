/**
 * Bounce and complaint payloads as the providers document them, with the page each was taken from.
 * Builders take the fields a test varies (the address, the Message-ID, the event id); everything
 * else is the documented example.
 */

/** https://docs.aws.amazon.com/ses/latest/dg/notification-examples.html ("Bounce notification with a DSN"). */
export function sesBounce(options: { address: string; messageId: string; bounceType?: 'Permanent' | 'Transient' }) {
  const permanent = (options.bounceType ?? 'Permanent') === 'Permanent';
  return {
    notificationType: 'Bounce',
    bounce: {
      bounceType: options.bounceType ?? 'Permanent',
      reportingMTA: 'dns; email.example.com',
      bouncedRecipients: [
        {
          emailAddress: options.address,
          status: permanent ? '5.1.1' : '4.2.2',
          action: 'failed',
          diagnosticCode: permanent ? 'smtp; 550 5.1.1 <jane@example.com>... User' : 'smtp; 452 4.2.2 Mailbox full',
        },
      ],
      bounceSubType: permanent ? 'General' : 'MailboxFull',
      timestamp: '2016-01-27T14:59:38.237Z',
      feedbackId: '00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000',
      remoteMtaIp: '127.0.2.0',
    },
    mail: {
      timestamp: '2016-01-27T14:59:38.237Z',
      source: 'john@example.com',
      sourceArn: 'arn:aws:ses:us-east-1:888888888888:identity/example.com',
      sourceIp: '127.0.3.0',
      sendingAccountId: '123456789012',
      callerIdentity: 'IAM_user_or_role_name',
      messageId: '00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000',
      destination: [options.address, 'mary@example.com', 'richard@example.com'],
      headersTruncated: false,
      headers: [
        { name: 'From', value: '"John Doe" <john@example.com>' },
        { name: 'To', value: options.address },
        { name: 'Message-ID', value: options.messageId },
        { name: 'Subject', value: 'Hello' },
      ],
      commonHeaders: {
        from: ['John Doe <john@example.com>'],
        date: 'Wed, 27 Jan 2016 14:05:45 +0000',
        to: [options.address],
        messageId: options.messageId,
        subject: 'Hello',
      },
    },
  };
}

/** https://docs.aws.amazon.com/ses/latest/dg/notification-examples.html ("Complaint notification with a feedback report"). */
export function sesComplaint(options: { address: string; messageId: string }) {
  return {
    notificationType: 'Complaint',
    complaint: {
      userAgent: 'AnyCompany Feedback Loop (V0.01)',
      complainedRecipients: [{ emailAddress: options.address }],
      complaintFeedbackType: 'abuse',
      arrivalDate: '2016-01-27T14:59:38.237Z',
      timestamp: '2016-01-27T14:59:38.237Z',
      feedbackId: '000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000',
    },
    mail: {
      timestamp: '2016-01-27T14:59:38.237Z',
      messageId: '000001378603177f-7a5433e7-8edb-42ae-af10-f0181f34d6ee-000000',
      source: 'john@example.com',
      sourceArn: 'arn:aws:ses:us-east-1:888888888888:identity/example.com',
      sourceIp: '127.0.3.0',
      sendingAccountId: '123456789012',
      callerIdentity: 'IAM_user_or_role_name',
      destination: [options.address],
      headersTruncated: false,
      headers: [{ name: 'Message-ID', value: options.messageId }],
      commonHeaders: {
        from: ['John Doe <john@example.com>'],
        to: [options.address],
        messageId: options.messageId,
        subject: 'Hello',
      },
    },
  };
}

/**
 * https://postmarkapp.com/developer/webhooks/bounce-webhook (the example's ID is a 64-bit integer
 * above 2^53, so it is sent as written, unquoted, to check it is kept exact).
 */
export function postmarkBounceBody(options: { id: string; address: string; type?: string; typeCode?: number }): string {
  const type = options.type ?? 'HardBounce';
  return `{
  "RecordType": "Bounce",
  "MessageStream": "outbound",
  "ID": ${options.id},
  "Type": "${type}",
  "TypeCode": ${options.typeCode ?? 1},
  "Name": "Hard bounce",
  "Tag": "Test",
  "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
  "Metadata": { "a_key": "a_value", "b_key": "b_value" },
  "ServerID": 23,
  "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
  "Details": "Test bounce details",
  "Email": "${options.address}",
  "From": "sender@example.com",
  "BouncedAt": "2019-11-05T16:33:54.9070259Z",
  "DumpAvailable": true,
  "Inactive": true,
  "CanActivate": true,
  "Subject": "Test subject",
  "Content": "Test content"
}`;
}

/** https://postmarkapp.com/developer/webhooks/spam-complaint-webhook */
export function postmarkSpamComplaint(options: { id: number; address: string }) {
  return {
    RecordType: 'SpamComplaint',
    MessageStream: 'outbound',
    ID: options.id,
    Type: 'SpamComplaint',
    TypeCode: 512,
    Name: 'Spam complaint',
    Tag: 'Test',
    MessageID: '00000000-0000-0000-0000-000000000000',
    Metadata: { a_key: 'a_value', b_key: 'b_value' },
    ServerID: 1234,
    Description: '',
    Details: 'Test spam complaint details',
    Email: options.address,
    From: 'sender@example.com',
    BouncedAt: '2019-11-05T16:33:54.9070259Z',
    DumpAvailable: true,
    Inactive: true,
    CanActivate: false,
    Subject: 'Test subject',
    Content: '<Abuse report dump>',
  };
}

/** https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event (the delivery events of its example post). */
export function sendGridEventsBody(options: { address: string; smtpId: string; prefix: string }) {
  const common = {
    email: options.address,
    timestamp: 1513299569,
    'smtp-id': options.smtpId,
    category: 'cat facts',
    sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
  };
  return [
    { ...common, event: 'processed', sg_event_id: `${options.prefix}-processed` },
    {
      ...common,
      event: 'deferred',
      sg_event_id: `${options.prefix}-deferred`,
      response: '400 try again later',
      attempt: '5',
    },
    { ...common, event: 'delivered', sg_event_id: `${options.prefix}-delivered`, response: '250 OK' },
    {
      ...common,
      event: 'bounce',
      sg_event_id: `${options.prefix}-bounce`,
      reason: '500 unknown recipient',
      status: '5.0.0',
      type: 'bounce',
    },
    { ...common, event: 'spamreport', sg_event_id: `${options.prefix}-spamreport` },
  ];
}

/** https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhook-payloads (permanent failure and complaint). */
export function mailgunEventData(options: {
  id: string;
  address: string;
  messageId: string;
  event?: 'failed' | 'complained';
  severity?: 'permanent' | 'temporary';
}) {
  const event = options.event ?? 'failed';
  return {
    event,
    id: options.id,
    timestamp: 1521233195.375624,
    'log-level': event === 'failed' ? 'error' : 'warn',
    ...(event === 'failed'
      ? {
          severity: options.severity ?? 'permanent',
          reason: 'bounce',
          'delivery-status': {
            'attempt-no': 1,
            message: '',
            code: options.severity === 'temporary' ? 452 : 550,
            description: options.severity === 'temporary' ? 'Mailbox full' : 'No such user',
            'session-seconds': 0.4331989288330078,
          },
        }
      : {}),
    envelope: { sender: 'bob@sample.mailgun.com', transport: 'smtp', targets: options.address },
    flags: { 'is-routed': false, 'is-authenticated': true, 'is-system-test': false, 'is-test-mode': false },
    message: {
      headers: {
        to: `Alice <${options.address}>`,
        'message-id': options.messageId,
        from: 'Bob <bob@sample.mailgun.com>',
        subject: 'Test permanent_fail webhook',
      },
      attachments: [],
      size: 111,
    },
    recipient: options.address,
    'recipient-domain': options.address.split('@')[1],
    storage: {
      url: 'https://se.api.mailgun.net/v3/domains/sample.mailgun.com/messages/message_key',
      key: 'message_key',
    },
    campaigns: [],
    tags: ['my_tag_1', 'my_tag_2'],
    'user-variables': { my_var_1: 'Mailgun Variable #1', 'my-var-2': 'awesome' },
  };
}

/**
 * A delivery status notification as RFC 3464 shows it (https://www.rfc-editor.org/rfc/rfc3464,
 * appendix "Sample Delivery Status Notifications", the permanent failure): a multipart/report with
 * a human part, message/delivery-status and the returned headers (text/rfc822-headers).
 */
export function dsnEmail(options: { dsnId: string; failed: string; delayed: string; messageId: string }): string {
  return [
    'Date: Thu, 7 Jul 1994 17:16:05 -0400',
    'From: Mail Delivery Subsystem <MAILER-DAEMON@CS.UTK.EDU>',
    `Message-Id: ${options.dsnId}`,
    'Subject: Returned mail: Cannot send message for 5 days',
    'To: <bounces@shop.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '    boundary="RAA14128.773615765/CS.UTK.EDU"',
    '',
    '--RAA14128.773615765/CS.UTK.EDU',
    '',
    'The original message was received at Sat, 2 Jul 1994 17:10:28 -0400',
    'from root@localhost',
    '',
    '   ----- The following addresses had delivery problems -----',
    `<${options.failed}>  (unrecoverable error)`,
    '',
    '--RAA14128.773615765/CS.UTK.EDU',
    'content-type: message/delivery-status',
    '',
    'Reporting-MTA: dns; cs.utk.edu',
    'Arrival-Date: Sat, 2 Jul 1994 17:10:28 -0400',
    '',
    `Original-Recipient: rfc822;${options.failed}`,
    `Final-Recipient: rfc822;${options.failed}`,
    'Action: failed',
    'Status: 5.1.1',
    'Remote-MTA: dns; mx.example.org',
    'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
    'Last-Attempt-Date: Thu, 7 Jul 1994 17:15:49 -0400',
    '',
    `Final-Recipient: rfc822;${options.delayed}`,
    'Action: delayed',
    'Status: 4.2.2',
    'Diagnostic-Code: smtp; 452 4.2.2 mailbox full',
    '',
    '--RAA14128.773615765/CS.UTK.EDU',
    'content-type: text/rfc822-headers',
    '',
    'Return-Path: <bounces@shop.example>',
    `Message-ID: ${options.messageId}`,
    'From: Shop <news@shop.example>',
    `To: ${options.failed}`,
    'Subject: Your order',
    '',
    '--RAA14128.773615765/CS.UTK.EDU--',
    '',
  ].join('\r\n');
}

/** An abuse report in the Abuse Reporting Format, as RFC 5965 appendix B.1 shows it (https://www.rfc-editor.org/rfc/rfc5965#appendix-B.1). */
export function arfEmail(options: { reportId: string; address: string; messageId: string }): string {
  return [
    'From: <abusedesk@example.com>',
    'Date: Thu, 8 Mar 2005 17:40:36 EDT',
    'Subject: FW: Earn money',
    'To: <abuse@example.net>',
    `Message-ID: ${options.reportId}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report;',
    '     boundary="part1_13d.2e68ed54_boundary"',
    '',
    '--part1_13d.2e68ed54_boundary',
    'Content-Type: text/plain; charset="US-ASCII"',
    'Content-Transfer-Encoding: 7bit',
    '',
    'This is an email abuse report for an email message received from IP',
    '192.0.2.1 on Thu, 8 Mar 2005 14:00:00 EDT.  For more information',
    'about this format please see http://www.mipassoc.org/arf/.',
    '',
    '--part1_13d.2e68ed54_boundary',
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: SomeGenerator/1.0',
    'Version: 1',
    `Original-Mail-From: <bounces@shop.example>`,
    `Original-Rcpt-To: <${options.address}>`,
    'Arrival-Date: Thu, 8 Mar 2005 14:00:00 EDT',
    'Reporting-MTA: dns; mail.example.com',
    'Source-IP: 192.0.2.1',
    '',
    '--part1_13d.2e68ed54_boundary',
    'Content-Type: message/rfc822',
    'Content-Disposition: inline',
    '',
    'From: <news@shop.example>',
    'Received: from mailserver.example.net (mailserver.example.net [192.0.2.1])',
    '        by example.com with ESMTP id M63d4137594e46;',
    '        Thu, 08 Mar 2005 14:00:00 -0400',
    `To: <${options.address}>`,
    'Subject: Earn money',
    'MIME-Version: 1.0',
    'Content-type: text/plain',
    `Message-ID: ${options.messageId}`,
    'Date: Thu, 02 Sep 2004 12:31:03 -0500',
    '',
    'Spam Spam Spam',
    '',
    '--part1_13d.2e68ed54_boundary--',
    '',
  ].join('\r\n');
}
