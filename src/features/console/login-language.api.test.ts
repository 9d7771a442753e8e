import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { addUser, login, TEST_POLICY } from './console-auth.fixtures.js';

const folder = mkdtempSync(join(tmpdir(), 'regulars-console-'));
writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Regulars</title>');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.each(dialects)("the sign-in page in the browser's language on %s", (dialect) => {
  const testApp = useTestApp(dialect, { trustProxy: true, console: { folder, policy: TEST_POLICY } });
  const email = `lang-${dialect}@sunnybeans.example`;
  beforeAll(async () => {
    const { database, store } = testApp();
    await addUser(database.db, store.id, email, 'owner');
  });

  it('writes the form and its errors in Slovenian, Korean or Japanese, and English otherwise', async () => {
    const { app } = testApp();
    const cases = [
      { header: 'sl-SI,sl;q=0.9,en;q=0.8', lang: 'sl', submit: 'Prijava', failed: 'E-pošta ali geslo ni pravilno.' },
      { header: 'ko-KR,ko;q=0.9', lang: 'ko', submit: '로그인', failed: '이메일 또는 비밀번호가 올바르지 않습니다.' },
      { header: 'ja', lang: 'ja', submit: 'サインイン', failed: 'メールアドレスまたはパスワードが正しくありません。' },
      { header: 'fr-FR', lang: 'en', submit: 'Sign in', failed: 'The email or password is not right.' },
    ];
    let n = 0;
    for (const { header, lang, submit, failed } of cases) {
      const headers = { 'accept-language': header, 'x-forwarded-for': `198.18.0.${++n}` };
      const form = await app.inject({ method: 'GET', url: '/login', headers });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain(`<html lang="${lang}">`);
      expect(form.body).toContain(`<button type="submit">${submit}</button>`);
      // The inputs keep their names whatever the language: scripts and password managers find them.
      expect(form.body).toMatch(/<input id="email" name="email" type="email"/);
      const wrong = await login(app, { email, password: 'not the password at all', headers });
      expect(wrong.response.statusCode).toBe(401);
      expect(wrong.response.headers['x-error-code']).toBe('LOGIN_FAILED');
      expect(wrong.response.body).toContain(failed);
    }
  });
});
