import type { Messages } from './messages.en.js';

/** The server-rendered pages in Japanese (every key of messages.en.ts: the type requires them all). */
export const messagesJa: Messages = {
  'app.name': 'Regulars',
  'login.title': 'Regulars にサインイン',
  'login.intro': 'ストアのコンソール: 顧客、セグメント、キャンペーン、フロー、ロイヤルティ。',
  'login.email': 'メールアドレス',
  'login.password': 'パスワード',
  'login.submit': 'サインイン',
  'login.failed': 'メールアドレスまたはパスワードが正しくありません。',
  'login.missing': 'メールアドレスとパスワードを入力してください。',
  'login.locked':
    'このメールアドレスでのサインインの失敗が多すぎます。{minutes}分間サインインを停止しています。しばらくしてからもう一度お試しください。',
  'login.rateLimited': 'サインインの試行が多すぎます。{minutes}分後にもう一度お試しください。',
  'login.formExpired': 'サインインフォームの有効期限が切れていました。もう一度サインインしてください。',
  'login.signedOut': 'サインアウトしました。',
  'login.help':
    'アカウントがまだありませんか? ストアのオーナーが次のコマンドで作成します: regulars users create --store ID --email EMAIL --password-stdin',
  'error.code': 'エラーコード: {code}',
  'notBuilt.title': 'コンソールがビルドされていません',
  'notBuilt.body': 'サーバーは動作しており /v1 以下の API も使えますが、{folder} にコンソールのファイルがありません。',
  'notBuilt.fix': 'ソースのチェックアウトで npm run build を実行してビルドし、このページを再読み込みしてください。',
  'logout.submit': 'サインアウト',
};
