import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign } from 'node:crypto';
import type { SnsFetcher } from './receive-bounce-webhook.service.js';
import { type SnsMessage, snsStringToSign } from './sns-message.js';

/**
 * A stand-in for Amazon SNS: a self-signed certificate for sns.amazonaws.com (made once with
 * `openssl req -x509 -newkey rsa:2048 -subj /CN=sns.amazonaws.com -addext subjectAltName=DNS:sns.amazonaws.com`,
 * for these tests only), messages signed with its key as SNS signs them
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html), and a local
 * HTTP server that serves the certificate and takes subscription confirmations. The fetcher sends
 * https://sns.<region>.amazonaws.com/... to that server: nothing leaves the machine.
 */
export const TEST_SNS_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIDOTCCAiGgAwIBAgIUHpTwPGGgwnBnaQouUQgWzfhp3ZQwDQYJKoZIhvcNAQEL
BQAwHDEaMBgGA1UEAwwRc25zLmFtYXpvbmF3cy5jb20wIBcNMjYxMjA3MTIyMjEy
WhgPMjEyNjExMTMxMjIyMTJaMBwxGjAYBgNVBAMMEXNucy5hbWF6b25hd3MuY29t
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAzAzc2rlho/w3XhA48VcA
J2Ev/lBF5uYxN1/FIheOyJTcDvDcU7y7EpJCY7IOc83M9i/aJ0emfXsjTAqhPw1L
9xX6D8idfnbhHlFtA8wA4EZBaSsklg0VlV1Nro0Mjw1LQzbfM8zdQo4Q+jjIONHp
D01E3OGjL958dLWS+lw7RQ+rA8RZxwotfSJoJ0Qte/p47MKsOel4Lbr1Lf42wTQy
QSNcKwprG33Z/dmgOZZq8zzRQn3vl2VG4RZQBI0b/U9A9XVa8CsAUFCBYeKfIBpn
o67vLDj/VEvD03mL9lPtcRwDDQr55fttwAZQyc7nR6lxa9QFMEmtHxlnPZn2ENi/
UwIDAQABo3EwbzAdBgNVHQ4EFgQU4+1gp2Epy8kTSXC3AWcoj90lWIkwHwYDVR0j
BBgwFoAU4+1gp2Epy8kTSXC3AWcoj90lWIkwDwYDVR0TAQH/BAUwAwEB/zAcBgNV
HREEFTATghFzbnMuYW1hem9uYXdzLmNvbTANBgkqhkiG9w0BAQsFAAOCAQEAhDeo
Lntmt/TUnncuLCjNmOmUeqZHEJjCeMyd2bbp6izyvWQ02uu/OJQwNeN4rHHICW7N
cuZe1wXjcscHxSdf6mZ2e0OfLPKTPsUgLraLJKVTug7ztJkyupEeAg+KxMXDerFW
iyudWXJ36zrfhVuqUXQs1QslMyn35MvQOgCM5e/C9GIkftUYuHCn4Qm7rxgeGfej
lUhD2iHX6aNttdgmfawqi8e6Laj6cmsWiNZlDZfw+Dy6kgEDgqHC21BV3mT82wdS
xXzu09P1jKbLbBEOP7XtTm206xxL49pFhcXfUNGtYl51XzHTYW4JN8tbEs6Ghvb1
GhAlW/79HmYIk+KrCg==
-----END CERTIFICATE-----`;

const TEST_SNS_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDMDNzauWGj/Dde
EDjxVwAnYS/+UEXm5jE3X8UiF47IlNwO8NxTvLsSkkJjsg5zzcz2L9onR6Z9eyNM
CqE/DUv3FfoPyJ1+duEeUW0DzADgRkFpKySWDRWVXU2ujQyPDUtDNt8zzN1CjhD6
OMg40ekPTUTc4aMv3nx0tZL6XDtFD6sDxFnHCi19ImgnRC17+njswqw56XgtuvUt
/jbBNDJBI1wrCmsbfdn92aA5lmrzPNFCfe+XZUbhFlAEjRv9T0D1dVrwKwBQUIFh
4p8gGmejru8sOP9US8PTeYv2U+1xHAMNCvnl+23ABlDJzudHqXFr1AUwSa0fGWc9
mfYQ2L9TAgMBAAECggEABTJKqZNRBkEVE+Mr4BGMInSaKUrYDOJN3JAm0BBzhW4t
EIBXzBYhWX66DBnrvk0+bAKZ9qgfeFCbfINEyftHtPotTRuZzy+t2fzO3uriFtQT
NF9x5hRdOVmP8eMLr9Tx1rteAc60z84YZpbtmmzWF5qrJ0jjxANRfhNls9SHeeG5
mvGbx4+FSEWTyNdTR7N/kHxkIB1rpRtq0nVuRkwb/R+e7Ws6tQUnPHt64A1v6osO
nfO5TA6msUN5qyS38tImPIzLf2lDsyHYD7kJfA5YkARhQgB0HfiJ/JNhiXEfZ12Q
32Q28Fog8gLnx4vQSrqHUIUd1v37nxIaRb2V6oTdMQKBgQDyYETkZ14B2e8rqoZG
5OugGch/F7Zh+ZiefPBR2NsWsRkh/QeqCmRBTyrNzy8mRZeivXDKwcydTC1LTVt+
BT80ZjyoIIgFg6R7HsdZXgk+EvwiO+UimaenoffVuYH9HJSkygSpvBOItaDktVec
7HOt1snvhoSnXgEcx97tvoiviwKBgQDXhRhFzGBsF1WWAAXR4QYQMtmQml6vWscV
1CQFxhWTA5lT8T8D543St8ax+DyhyUI5QVstw6h/37yMD1S6ankb8bCjcOGLOkJP
9BkX4bC91UU9xZPOPulyYNip/nHKNzyiEIwq9SGFnQ4tlTf3mTSHwSXyD6UGNMoq
ReVrZHIoWQKBgQDiVD9Awb2pIOcT8YK+BNp6gFkXRP9MchSwOp727vd3Mxzy/iMA
CAAidFjWItg2dtnoX9pJm7sET7QkEzKSdTfWKHoPzYD3FTyss8sXipY63uOO3DtV
mgJSqQ6TB015HA057GN6VGQxTtnVd/k+UhabiGy9PPH2j/Od+o4Tl85vjQKBgHOv
A2pj29XpaI1NkdIogUKsqM/PrMdfaMG0z2kx/F6fbev68KI95oiXENZyssj86Mkm
5bRY89c/10su54HwqPVw9Cmm68n6CaI1GksRX/dlxPb1WPM6HcDBb0tAQwASSj+L
tlFQpx+7P+MD17jVybac3Ktj7ma4a1PplM3iasxxAoGBAKbhBjmIOm4+z9LkhBlt
XFDU//CVi4x/sxMLOQnf+ROGd9Yp8fnKvBJeOKBPcFKrQSwl+rdrRB3lYNO07yNM
BL8l3uoKXpoWNMq+FaytoMTzTBpXTJlO1QJQ+OVmCMJ+JhL+UvjBLU9L+8J6pjgW
l3L9yct10Zva6lJ5BCqoeu7n
-----END PRIVATE KEY-----`;

export const TEST_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:ses-bounces';
export const TEST_CERT_URL =
  'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem';

type Unsigned = Omit<SnsMessage, 'Signature' | 'SignatureVersion'>;

/** Signs an SNS message with the test key: SignatureVersion 1 (SHA1withRSA) or 2 (SHA256withRSA). */
export function signSnsMessage(message: Unsigned, version: '1' | '2' = '1'): SnsMessage {
  const withVersion = { ...message, SignatureVersion: version, Signature: '' } as SnsMessage;
  const signature = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256')
    .update(snsStringToSign(withVersion), 'utf8')
    .sign(TEST_SNS_KEY, 'base64');
  return { ...withVersion, Signature: signature };
}

/**
 * An SNS Notification carrying an SES notification, shaped as SNS documents it
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html#http-notification-json).
 */
export function snsNotification(sesNotification: unknown, messageId: string, version: '1' | '2' = '1'): SnsMessage {
  return signSnsMessage(
    {
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: TEST_TOPIC_ARN,
      Message: JSON.stringify(sesNotification),
      Timestamp: '2026-01-27T15:00:00.000Z',
      SigningCertURL: TEST_CERT_URL,
      UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${TEST_TOPIC_ARN}:1`,
    },
    version,
  );
}

/** The SubscriptionConfirmation SNS posts when the HTTPS subscription is created (same documentation page). */
export function snsSubscriptionConfirmation(messageId: string): SnsMessage {
  const token =
    '2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736';
  return signSnsMessage({
    Type: 'SubscriptionConfirmation',
    MessageId: messageId,
    Token: token,
    TopicArn: TEST_TOPIC_ARN,
    Message: `You have chosen to subscribe to the topic ${TEST_TOPIC_ARN}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TEST_TOPIC_ARN}&Token=${token}`,
    Timestamp: '2026-01-27T14:58:00.000Z',
    SigningCertURL: TEST_CERT_URL,
  });
}

export interface FakeSns {
  readonly fetcher: SnsFetcher;
  /** Paths and queries of every request the server took, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** The local SNS: serves the certificate at any .pem path and answers a ConfirmSubscription with 200. */
export async function startFakeSns(): Promise<FakeSns> {
  const requests: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push(request.url ?? '');
    if ((request.url ?? '').endsWith('.pem')) {
      response.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(TEST_SNS_CERTIFICATE);
    } else if ((request.url ?? '').includes('Action=ConfirmSubscription')) {
      response.writeHead(200, { 'content-type': 'text/xml' }).end('<ConfirmSubscriptionResponse/>');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    fetcher: {
      async fetchText(url) {
        const local = url.replace(/^https:\/\/sns\.[a-z0-9-]+\.amazonaws\.com/, `http://127.0.0.1:${port}`);
        if (local === url) throw new Error(`the fake SNS serves only sns.*.amazonaws.com, not ${url}`);
        const response = await fetch(local);
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        return response.text();
      },
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
