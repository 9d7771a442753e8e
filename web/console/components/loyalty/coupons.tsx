import { useState } from 'preact/hooks';
import { type Api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import type { I18n } from '../../i18n/i18n.ts';
import { Section } from '../overview/section.tsx';
import { OutcomeLine, Scroll, useLoad, useSubmit } from '../settings/form-state.tsx';
import { majorUnits, minorDigits } from './types.ts';

type CouponListing = paths['/v1/coupons']['get']['responses']['200']['content']['application/json'];
type Coupon = CouponListing['coupons'][number];
type Kind = Coupon['kind'];

const KINDS: readonly Kind[] = ['percent', 'amount', 'free_shipping', 'free_product'];

/** The terms the form says, as the API takes them (amount in minor units of the currency). */
interface Terms {
  kind: Kind;
  value: string;
  currency: string;
  usageLimit: string;
  validUntil: string;
}

/** '500 EUR off', '10 % off', 'free shipping': a coupon's worth in the person's words. */
function worth(i18n: I18n, coupon: Coupon): string {
  if (coupon.kind === 'percent') return i18n.t('loyalty.coupons.worth.percent', { value: coupon.value });
  if (coupon.kind === 'amount' && coupon.currency)
    return i18n.t('loyalty.coupons.worth.amount', {
      value: i18n.money(majorUnits(coupon.value, coupon.currency), coupon.currency),
    });
  return i18n.t(`loyalty.coupons.kind.${coupon.kind}`);
}

/** Codes as a CSV file the person saves (one code a line, for a mailing tool or printed cards). */
function csvLink(codes: readonly string[]): string {
  return URL.createObjectURL(new Blob([`code\n${codes.join('\n')}\n`], { type: 'text/csv' }));
}

/**
 * Coupons: the newest with their uses, one coupon with a chosen code, or a batch of unique codes
 * (POST /v1/coupons and /v1/coupons/batch). Marketers and owners create; viewers look.
 */
export function Coupons({ api, i18n, editable }: { api: Api; i18n: I18n; editable: boolean }) {
  const { t, number } = i18n;
  const [version, setVersion] = useState(0);
  const listing = useLoad(
    async () => unwrap(await api.GET('/v1/coupons', { params: { query: { limit: 20 } } })),
    version,
  );
  const [mode, setMode] = useState<'batch' | 'single'>('batch');
  const [code, setCode] = useState('');
  const [count, setCount] = useState('100');
  const [terms, setTerms] = useState<Terms>({
    kind: 'percent',
    value: '10',
    currency: 'EUR',
    usageLimit: '1',
    validUntil: '',
  });
  const [batch, setBatch] = useState<{ codes: string[]; href: string } | null>(null);
  const { outcome, busy, run } = useSubmit();

  const body = () => {
    const currency = terms.currency.trim().toUpperCase();
    const value =
      terms.kind === 'amount'
        ? Math.round(Number(terms.value) * 10 ** minorDigits(currency))
        : terms.kind === 'percent'
          ? Number(terms.value)
          : 0;
    return {
      kind: terms.kind,
      value,
      currency: terms.kind === 'amount' ? currency : null,
      usageLimit: terms.usageLimit.trim() === '' ? null : Number(terms.usageLimit),
      validUntil: terms.validUntil === '' ? null : `${terms.validUntil}T23:59:59Z`,
    };
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      if (mode === 'single') {
        unwrap(await api.POST('/v1/coupons', { body: { code: code.trim(), ...body() } }));
        setBatch(null);
      } else {
        const created = unwrap(
          await api.POST('/v1/coupons/batch', {
            body: { count: Number(count), ...(code.trim() === '' ? {} : { prefix: code.trim() }), ...body() },
          }),
        );
        if (batch) URL.revokeObjectURL(batch.href);
        setBatch({ codes: created.codes, href: csvLink(created.codes) });
      }
      setVersion(version + 1);
    });
  };
  const set = (field: keyof Terms) => (e: Event) =>
    setTerms({ ...terms, [field]: (e.target as HTMLInputElement | HTMLSelectElement).value });

  return (
    <Section id="coupons" title={t('loyalty.coupons')} help={t('loyalty.coupons.help')}>
      {listing === null && <p role="status">{t('app.loading')}</p>}
      {listing && 'error' in listing && <p role="alert">{listing.error}</p>}
      {listing && 'data' in listing && (
        <>
          <p data-coupons-total={listing.data.total}>
            {t('loyalty.coupons.totals', { coupons: number(listing.data.total), uses: number(listing.data.totalUses) })}
          </p>
          {listing.data.coupons.length > 0 && (
            <Scroll label={t('loyalty.coupons.newest')}>
              <table>
                <caption class="visually-hidden">{t('loyalty.coupons.newest')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('loyalty.coupons.code')}</th>
                    <th scope="col">{t('loyalty.coupons.worth')}</th>
                    <th scope="col" class="num">
                      {t('loyalty.coupons.uses')}
                    </th>
                    <th scope="col">{t('loyalty.coupons.validUntil')}</th>
                  </tr>
                </thead>
                <tbody>
                  {listing.data.coupons.map((c) => (
                    <tr key={c.id} data-coupon={c.code}>
                      <td>
                        <code>{c.code}</code>
                      </td>
                      <td>{worth(i18n, c)}</td>
                      <td class="num">
                        {c.usageLimit === null || c.usageLimit === undefined
                          ? number(c.uses)
                          : t('loyalty.coupons.usesOf', { uses: number(c.uses), limit: number(c.usageLimit) })}
                      </td>
                      <td>{c.validUntil ? i18n.date(c.validUntil.slice(0, 10)) : t('loyalty.coupons.noEnd')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          )}
        </>
      )}
      {editable && (
        <form class="settings-form" onSubmit={onSubmit} data-form="coupons">
          <fieldset>
            <legend>{t('loyalty.coupons.create')}</legend>
            <div class="check">
              <input
                type="radio"
                id="coupon-mode-batch"
                name="mode"
                checked={mode === 'batch'}
                onChange={() => setMode('batch')}
              />
              <label for="coupon-mode-batch">{t('loyalty.coupons.mode.batch')}</label>
              <input
                type="radio"
                id="coupon-mode-single"
                name="mode"
                checked={mode === 'single'}
                onChange={() => setMode('single')}
              />
              <label for="coupon-mode-single">{t('loyalty.coupons.mode.single')}</label>
            </div>
            <div class="field-row">
              {mode === 'batch' && (
                <div class="field">
                  <label for="coupon-count">{t('loyalty.coupons.count')}</label>
                  <input
                    id="coupon-count"
                    name="count"
                    type="number"
                    min={1}
                    max={100000}
                    required
                    value={count}
                    onInput={(e) => setCount((e.target as HTMLInputElement).value)}
                  />
                </div>
              )}
              <div class="field">
                <label for="coupon-code">
                  {mode === 'batch' ? t('loyalty.coupons.prefix') : t('loyalty.coupons.code')}
                </label>
                <input
                  id="coupon-code"
                  name="code"
                  required={mode === 'single'}
                  maxLength={mode === 'batch' ? 40 : 100}
                  value={code}
                  onInput={(e) => setCode((e.target as HTMLInputElement).value)}
                />
              </div>
              <div class="field">
                <label for="coupon-kind">{t('loyalty.coupons.kind')}</label>
                <select id="coupon-kind" name="kind" value={terms.kind} onChange={set('kind')}>
                  {KINDS.filter((k) => k !== 'free_product').map((k) => (
                    <option key={k} value={k}>
                      {t(`loyalty.coupons.kind.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              {terms.kind !== 'free_shipping' && (
                <div class="field">
                  <label for="coupon-value">
                    {terms.kind === 'percent' ? t('loyalty.coupons.percent') : t('loyalty.coupons.amount')}
                  </label>
                  <input
                    id="coupon-value"
                    name="value"
                    type="number"
                    min={terms.kind === 'percent' ? 1 : 0}
                    max={terms.kind === 'percent' ? 100 : undefined}
                    step="any"
                    required
                    value={terms.value}
                    onInput={set('value')}
                  />
                </div>
              )}
              {terms.kind === 'amount' && (
                <div class="field">
                  <label for="coupon-currency">{t('loyalty.coupons.currency')}</label>
                  <input
                    id="coupon-currency"
                    name="currency"
                    required
                    pattern="[A-Za-z]{3}"
                    maxLength={3}
                    value={terms.currency}
                    onInput={set('currency')}
                  />
                </div>
              )}
              <div class="field">
                <label for="coupon-limit">{t('loyalty.coupons.usageLimit')}</label>
                <input
                  id="coupon-limit"
                  name="usageLimit"
                  type="number"
                  min={1}
                  value={terms.usageLimit}
                  onInput={set('usageLimit')}
                />
              </div>
              <div class="field">
                <label for="coupon-until">{t('loyalty.coupons.validUntil')}</label>
                <input
                  id="coupon-until"
                  name="validUntil"
                  type="date"
                  value={terms.validUntil}
                  onInput={set('validUntil')}
                />
              </div>
            </div>
          </fieldset>
          <button type="submit" class="button" disabled={busy}>
            {mode === 'batch' ? t('loyalty.coupons.createBatch') : t('loyalty.coupons.createOne')}
          </button>
          <OutcomeLine i18n={i18n} outcome={outcome} saved={t('settings.done')} />
        </form>
      )}
      {batch && (
        <div class="batch-result" data-batch={batch.codes.length}>
          <p role="status">{t('loyalty.coupons.batchMade', { count: number(batch.codes.length) })}</p>
          <pre class="codes" tabIndex={0} aria-label={t('loyalty.coupons.codes')}>
            {batch.codes.slice(0, 200).join('\n')}
          </pre>
          <a class="button" href={batch.href} download="coupon-codes.csv">
            {t('loyalty.coupons.download')}
          </a>
        </div>
      )}
    </Section>
  );
}
