import { useState } from 'preact/hooks';
import { type Api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import type { I18n } from '../../i18n/i18n.ts';
import { Section } from '../overview/section.tsx';
import { OutcomeLine, useSubmit } from './form-state.tsx';

export type Delivery = paths['/v1/settings/delivery']['get']['responses']['200']['content']['application/json'];
type Changes = NonNullable<paths['/v1/settings/delivery']['put']['requestBody']>['content']['application/json'];

/** Zones this browser knows, for the field's suggestions; the server checks the zone again. */
function knownZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

/** A share as a percent for the field, and back (holdout shares are 0-1 in the API). */
const toPercent = (share: number) => String(Math.round(share * 10000) / 100);
const toShare = (percent: string) => Number(percent) / 100;

/**
 * The delivery rules every message passes at send time: the store's time zone, quiet hours, the
 * frequency cap and the holdout shares (docs/delivery.md). PUT /v1/settings/delivery, as
 * `regulars stores settings` changes them; owners only.
 */
export function DeliveryForm({
  api,
  i18n,
  settings,
  editable,
  onSaved,
}: {
  api: Api;
  i18n: I18n;
  settings: Delivery;
  editable: boolean;
  onSaved: (settings: Delivery) => void;
}) {
  const { t } = i18n;
  const [zone, setZone] = useState(settings.timeZone ?? '');
  const [quiet, setQuiet] = useState(settings.quietHours !== null);
  const [start, setStart] = useState(settings.quietHours?.start ?? '21:00');
  const [end, setEnd] = useState(settings.quietHours?.end ?? '08:00');
  const cap = settings.frequencyCap;
  const [minHours, setMinHours] = useState(String(cap.minHoursBetween));
  const [maxPerWindow, setMaxPerWindow] = useState(String(cap.maxPerWindow));
  const [windowDays, setWindowDays] = useState(String(cap.windowDays));
  const [holdout, setHoldout] = useState(toPercent(settings.holdoutShare));
  const [flowShares, setFlowShares] = useState(
    Object.entries(settings.flowHoldoutShares).map(([flow, share]) => ({ flow, percent: toPercent(share) })),
  );
  const [zoneProblem, setZoneProblem] = useState<string | null>(null);
  const { outcome, busy, run } = useSubmit();
  const zones = knownZones();

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const trimmed = zone.trim();
    if (trimmed !== '' && !isZone(trimmed)) {
      setZoneProblem(t('settings.delivery.zoneUnknown', { zone: trimmed }));
      document.getElementById('delivery-zone')?.focus();
      return;
    }
    setZoneProblem(null);
    const shares: Record<string, number> = {};
    for (const row of flowShares) if (row.flow.trim() !== '') shares[row.flow.trim()] = toShare(row.percent);
    const changes: Changes = {
      timeZone: trimmed === '' ? null : trimmed,
      quietHours: quiet ? { start, end } : null,
      frequencyCap: {
        minHoursBetween: Number(minHours),
        maxPerWindow: Number(maxPerWindow),
        windowDays: Number(windowDays),
      },
      holdoutShare: toShare(holdout),
      flowHoldoutShares: shares,
    };
    void run(async () => onSaved(unwrap(await api.PUT('/v1/settings/delivery', { body: changes }))));
  };

  const number = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    props: { min: number; max: number; step?: string },
  ) => (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        type="number"
        inputMode="decimal"
        required
        disabled={!editable}
        value={value}
        onInput={(e) => set((e.target as HTMLInputElement).value)}
        {...props}
      />
    </div>
  );

  return (
    <Section id="delivery" title={t('settings.delivery')} help={t('settings.delivery.help')}>
      <form class="settings-form" onSubmit={onSubmit} aria-describedby="delivery-outcome" data-form="delivery">
        <div class="field">
          <label for="delivery-zone">{t('settings.delivery.timeZone')}</label>
          <input
            id="delivery-zone"
            name="timeZone"
            list="delivery-zones"
            autocomplete="off"
            disabled={!editable}
            value={zone}
            placeholder={t('settings.delivery.timeZone.placeholder')}
            aria-invalid={zoneProblem !== null}
            aria-describedby="delivery-zone-help"
            onInput={(e) => setZone((e.target as HTMLInputElement).value)}
          />
          <datalist id="delivery-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <p id="delivery-zone-help" class={zoneProblem ? 'field-problem' : 'field-help'}>
            {zoneProblem ?? t('settings.delivery.timeZone.help')}
          </p>
        </div>

        <fieldset>
          <legend>{t('settings.delivery.quietHours')}</legend>
          <div class="check">
            <input
              id="delivery-quiet"
              name="quietHoursOn"
              type="checkbox"
              disabled={!editable}
              checked={quiet}
              onChange={(e) => setQuiet((e.target as HTMLInputElement).checked)}
            />
            <label for="delivery-quiet">{t('settings.delivery.quietHours.on')}</label>
          </div>
          <div class="field-row">
            <div class="field">
              <label for="delivery-quiet-start">{t('settings.delivery.quietHours.start')}</label>
              <input
                id="delivery-quiet-start"
                name="quietStart"
                type="time"
                required={quiet}
                disabled={!editable || !quiet}
                value={start}
                onInput={(e) => setStart((e.target as HTMLInputElement).value)}
              />
            </div>
            <div class="field">
              <label for="delivery-quiet-end">{t('settings.delivery.quietHours.end')}</label>
              <input
                id="delivery-quiet-end"
                name="quietEnd"
                type="time"
                required={quiet}
                disabled={!editable || !quiet}
                value={end}
                onInput={(e) => setEnd((e.target as HTMLInputElement).value)}
              />
            </div>
          </div>
          <p class="field-help">{t('settings.delivery.quietHours.help')}</p>
        </fieldset>

        <fieldset>
          <legend>{t('settings.delivery.cap')}</legend>
          <div class="field-row">
            {number('delivery-cap-max', t('settings.delivery.cap.maxPerWindow'), maxPerWindow, setMaxPerWindow, {
              min: 0,
              max: 1000,
            })}
            {number('delivery-cap-days', t('settings.delivery.cap.windowDays'), windowDays, setWindowDays, {
              min: 1,
              max: 365,
            })}
            {number('delivery-cap-gap', t('settings.delivery.cap.minHours'), minHours, setMinHours, {
              min: 0,
              max: 8760,
              step: 'any',
            })}
          </div>
          <p class="field-help">{t('settings.delivery.cap.help')}</p>
        </fieldset>

        <fieldset>
          <legend>{t('settings.delivery.holdout')}</legend>
          {number('delivery-holdout', t('settings.delivery.holdout.share'), holdout, setHoldout, {
            min: 0,
            max: 100,
            step: 'any',
          })}
          <p class="field-help">{t('settings.delivery.holdout.help')}</p>
          {flowShares.length > 0 && (
            <table class="flow-shares">
              <caption class="visually-hidden">{t('settings.delivery.holdout.perFlow')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('settings.delivery.holdout.flow')}</th>
                  <th scope="col">{t('settings.delivery.holdout.share')}</th>
                  {editable && <th scope="col">{t('settings.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {flowShares.map((row, index) => (
                  <tr key={index}>
                    <td>
                      <input
                        aria-label={t('settings.delivery.holdout.flow')}
                        name={`flow-${index}`}
                        disabled={!editable}
                        value={row.flow}
                        onInput={(e) =>
                          setFlowShares(
                            flowShares.map((r, i) =>
                              i === index ? { ...r, flow: (e.target as HTMLInputElement).value } : r,
                            ),
                          )
                        }
                      />
                    </td>
                    <td>
                      <input
                        aria-label={t('settings.delivery.holdout.share')}
                        name={`flow-share-${index}`}
                        type="number"
                        min={0}
                        max={100}
                        step="any"
                        disabled={!editable}
                        value={row.percent}
                        onInput={(e) =>
                          setFlowShares(
                            flowShares.map((r, i) =>
                              i === index ? { ...r, percent: (e.target as HTMLInputElement).value } : r,
                            ),
                          )
                        }
                      />
                    </td>
                    {editable && (
                      <td>
                        <button type="button" onClick={() => setFlowShares(flowShares.filter((_, i) => i !== index))}>
                          {t('settings.delivery.holdout.remove', { flow: row.flow || '—' })}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {editable && (
            <button type="button" onClick={() => setFlowShares([...flowShares, { flow: '', percent: holdout }])}>
              {t('settings.delivery.holdout.add')}
            </button>
          )}
        </fieldset>

        {editable && (
          <button type="submit" class="button" disabled={busy}>
            {t('settings.delivery.save')}
          </button>
        )}
        <div id="delivery-outcome">
          <OutcomeLine i18n={i18n} outcome={outcome} />
        </div>
      </form>
    </Section>
  );
}
