import type { Messages } from './messages.en.js';

/** The server-rendered pages in Korean (every key of messages.en.ts: the type requires them all). */
export const messagesKo: Messages = {
  'app.name': 'Regulars',
  'login.title': 'Regulars 로그인',
  'login.intro': '상점 콘솔: 고객, 세그먼트, 캠페인, 플로우, 로열티.',
  'login.email': '이메일',
  'login.password': '비밀번호',
  'login.submit': '로그인',
  'login.failed': '이메일 또는 비밀번호가 올바르지 않습니다.',
  'login.missing': '이메일과 비밀번호를 입력하세요.',
  'login.locked':
    '이 이메일로 로그인에 너무 많이 실패했습니다. {minutes}분 동안 로그인이 중지됩니다. 나중에 다시 시도하세요.',
  'login.rateLimited': '로그인 시도가 너무 많습니다. {minutes}분 뒤에 다시 시도하세요.',
  'login.formExpired': '로그인 양식이 만료되었습니다. 다시 로그인하세요.',
  'login.signedOut': '로그아웃했습니다.',
  'login.help':
    '아직 계정이 없나요? 상점 소유자가 다음 명령으로 만듭니다: regulars users create --store ID --email EMAIL --password-stdin',
  'error.code': '오류 코드: {code}',
  'notBuilt.title': '콘솔이 빌드되지 않았습니다',
  'notBuilt.body': '서버는 실행 중이고 /v1 아래의 API도 작동하지만, {folder}에 콘솔 파일이 없습니다.',
  'notBuilt.fix': '소스 체크아웃에서 npm run build로 빌드한 다음 이 페이지를 새로고침하세요.',
  'logout.submit': '로그아웃',
};
