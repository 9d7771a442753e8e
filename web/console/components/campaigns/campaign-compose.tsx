import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Api, unwrap } from '../../api/client.ts';
import type { I18n } from '../../i18n/i18n.ts';
import { navigate } from '../../router.ts';
import { BodyEditor } from './body-editor.tsx';
import { showNotice } from './notice.ts';
import { LintPanel } from './lint-panel.tsx';
import { PreviewFrame } from './preview-frame.tsx';
import {
  type Action,
  type Audiences,
  type Campaign,
  formatSendAt,
  type Lint,
  type Preview,
  tomorrowMorning,
  wallClock,
} from './types.ts';

interface Form {
  name: string;
  segment: string;
  subject: string;
  preheader: string;
  body: string;
  sendAt: string;
  localTime: boolean;
}

const message = (error: unknown) =>
  error instanceof ApiError
    ? `${error.message} (${error.code})`
    : error instanceof Error
      ? error.message
      : String(error);

/**
 * Compose (or open) a campaign: the copy with a live preview rendered by the server, the checks
 * scheduling will make, a test send, schedule and cancel. A campaign that is no longer a draft is
 * shown read-only; a viewer may preview and check, and the server refuses their changes anyway.
 */
export function CampaignCompose({
  api,
  i18n,
  canChange,
  email,
  timeZone,
  existing,
  onChanged,
}: {
  api: Api;
  i18n: I18n;
  canChange: boolean;
  email: string;
  timeZone: string;
  existing: Campaign | null;
  onChanged: () => void;
}) {
  const setNotice = showNotice;
  const [form, setForm] = useState<Form>(() =>
    existing
      ? {
          name: existing.name,
          segment: existing.segment ?? '',
          subject: existing.subject,
          preheader: existing.preheader,
          body: existing.body,
          sendAt: wallClock(existing.sendAt, timeZone),
          localTime: existing.localTime,
        }
      : {
          name: '',
          segment: '',
          subject: '',
          preheader: '',
          body: "Hi {{ customer.first_name | default: 'there' }},\n\n",
          sendAt: tomorrowMorning(timeZone),
          localTime: false,
        },
  );
  const editable = canChange && (existing === null || existing.status === 'draft');
  const [audiences, setAudiences] = useState<Audiences | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [lint, setLint] = useState<Lint | null>(null);
  const [linting, setLinting] = useState(false);
  const [testTo, setTestTo] = useState(email.includes('@') ? email : '');
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const copy = () => ({
    subject: form.subject,
    body: form.body,
    ...(form.preheader.trim() === '' ? {} : { preheader: form.preheader }),
  });

  useEffect(() => {
    api
      .GET('/v1/campaigns/audiences')
      .then((r) => setAudiences(unwrap(r)))
      .catch(() => setAudiences(null));
  }, []);

  // The preview follows the copy: rendered by the server a moment after typing stops.
  const sequence = useRef(0);
  useEffect(() => {
    if (form.subject.trim() === '' || form.body.trim() === '') return;
    const mine = ++sequence.current;
    const timer = setTimeout(() => {
      api
        .POST('/v1/campaigns/preview', { body: copy() })
        .then((r) => {
          if (mine !== sequence.current) return;
          setPreview(unwrap(r));
          setPreviewError(null);
        })
        .catch((error: unknown) => {
          if (mine === sequence.current) setPreviewError(message(error));
        });
    }, 350);
    return () => clearTimeout(timer);
  }, [form.subject, form.preheader, form.body]);

  const runChecks = async () => {
    setLinting(true);
    try {
      setLint(unwrap(await api.POST('/v1/campaigns/lint', { body: copy() })));
    } catch (error) {
      setNotice({ ok: false, text: message(error) });
    } finally {
      setLinting(false);
    }
  };

  const draftBody = () => ({
    ...copy(),
    segment: form.segment === '' ? null : form.segment,
    sendAt: form.sendAt,
    localTime: form.localTime,
  });

  /** Stores the draft (created the first time); the campaign's name, or null when refused. */
  const save = async (): Promise<string | null> => {
    if (existing === null) {
      const created = unwrap(await api.POST('/v1/campaigns', { body: { name: form.name, ...draftBody() } }));
      return created.name;
    }
    unwrap(await api.PUT('/v1/campaigns/{name}', { params: { path: { name: existing.name } }, body: draftBody() }));
    return existing.name;
  };

  const act = async (work: Action) => {
    setBusy(true);
    setNotice(null);
    try {
      setNotice({ ok: true, text: await work() });
    } catch (error) {
      setNotice({ ok: false, text: message(error) });
    } finally {
      setBusy(false);
    }
  };

  const onSave = (event: Event) => {
    event.preventDefault();
    void act(async () => {
      const name = await save();
      if (existing === null && name !== null) navigate(`/campaigns/${encodeURIComponent(name)}`);
      onChanged();
      return i18n.t('compose.saved');
    });
  };

  const onSchedule = () =>
    act(async () => {
      const name = (await save())!;
      const done = unwrap(await api.POST('/v1/campaigns/{name}/schedule', { params: { path: { name } } }));
      if (existing === null) navigate(`/campaigns/${encodeURIComponent(name)}`);
      onChanged();
      return i18n.t('schedule.done', {
        time: formatSendAt(done.campaign.sendAt, timeZone, i18n.locale),
        count: i18n.number(done.audience),
      });
    });

  const onCancel = () =>
    act(async () => {
      const done = unwrap(
        await api.POST('/v1/campaigns/{name}/cancel', { params: { path: { name: existing!.name } } }),
      );
      onChanged();
      return i18n.t('schedule.cancelled', { count: i18n.number(done.withdrawn) });
    });

  const onDelete = () =>
    act(async () => {
      const result = await api.DELETE('/v1/campaigns/{name}', { params: { path: { name: existing!.name } } });
      if (!result.response.ok) unwrap(result as never);
      navigate('/campaigns');
      onChanged();
      return i18n.t('compose.deleted');
    });

  const onTestSend = () =>
    act(async () => {
      const sent = unwrap(
        await api.POST('/v1/campaigns/test-send', {
          body: { ...copy(), ...(testTo.trim() === '' ? {} : { to: testTo.trim() }) },
        }),
      );
      return i18n.t('test.sent', { to: sent.to });
    });

  const segmentLabel = (a: Audiences['audiences'][number]) =>
    a.segment === null
      ? i18n.t('compose.segmentEveryone', { count: i18n.number(a.members) })
      : i18n.t('compose.segmentOption', { name: a.name ?? a.segment, count: i18n.number(a.members) });

  return (
    <div class="compose">
      {existing !== null && existing.status !== 'draft' && (
        <p class="status">{i18n.t('compose.readOnly', { status: i18n.t(`campaigns.status.${existing.status}`) })}</p>
      )}
      {!canChange && <p class="status">{i18n.t('compose.viewerNote')}</p>}
      <div class="compose-grid">
        <form class="panel compose-form" onSubmit={onSave} aria-label={i18n.t('compose.title')}>
          <div class="field">
            <label for="campaign-name">{i18n.t('compose.name')}</label>
            <input
              id="campaign-name"
              name="name"
              required
              pattern="[a-z0-9][a-z0-9_\-]{0,63}"
              value={form.name}
              disabled={!editable || existing !== null}
              aria-describedby="campaign-name-help"
              onInput={(e) => set('name', (e.target as HTMLInputElement).value)}
            />
            <p id="campaign-name-help" class="help">
              {i18n.t('compose.nameHelp')}
            </p>
          </div>
          <div class="field">
            <label for="campaign-segment">{i18n.t('compose.segment')}</label>
            <select
              id="campaign-segment"
              name="segment"
              value={form.segment}
              disabled={!editable}
              onChange={(e) => set('segment', (e.target as HTMLSelectElement).value)}
            >
              {(audiences?.audiences ?? [{ segment: null, name: null, builtIn: true, members: 0 }]).map((a) => (
                <option key={a.segment ?? ''} value={a.segment ?? ''}>
                  {segmentLabel(a)}
                </option>
              ))}
              {form.segment !== '' && audiences && !audiences.audiences.some((a) => a.segment === form.segment) && (
                <option value={form.segment}>{existing?.segmentName ?? form.segment}</option>
              )}
            </select>
          </div>
          <div class="field">
            <label for="campaign-subject">{i18n.t('compose.subject')}</label>
            <input
              id="campaign-subject"
              name="subject"
              required
              maxLength={200}
              value={form.subject}
              disabled={!editable}
              onInput={(e) => set('subject', (e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="campaign-preheader">{i18n.t('compose.preheader')}</label>
            <input
              id="campaign-preheader"
              name="preheader"
              maxLength={200}
              value={form.preheader}
              disabled={!editable}
              aria-describedby="campaign-preheader-help"
              onInput={(e) => set('preheader', (e.target as HTMLInputElement).value)}
            />
            <p id="campaign-preheader-help" class="help">
              {i18n.t('compose.preheaderHelp')}
            </p>
          </div>
          <BodyEditor i18n={i18n} value={form.body} disabled={!editable} onInput={(v) => set('body', v)} />
          {editable && (
            <div class="actions">
              <button type="submit" disabled={busy}>
                {i18n.t('compose.save')}
              </button>
              {existing !== null && (
                <button type="button" class="danger" disabled={busy} onClick={onDelete}>
                  {i18n.t('compose.delete')}
                </button>
              )}
            </div>
          )}
        </form>
        <div class="compose-side">
          <PreviewFrame i18n={i18n} preview={preview} error={previewError} />
          <LintPanel i18n={i18n} lint={lint} running={linting} onRun={() => void runChecks()} />
          {canChange && (
            <section class="panel" aria-labelledby="test-heading">
              <h2 id="test-heading">{i18n.t('test.title')}</h2>
              <div class="field">
                <label for="test-to">{i18n.t('test.to')}</label>
                <input
                  id="test-to"
                  name="to"
                  type="email"
                  value={testTo}
                  aria-describedby="test-help"
                  onInput={(e) => setTestTo((e.target as HTMLInputElement).value)}
                />
                <p id="test-help" class="help">
                  {i18n.t('test.help')}
                </p>
              </div>
              <button type="button" disabled={busy} onClick={onTestSend}>
                {i18n.t('test.send')}
              </button>
            </section>
          )}
          {canChange && (
            <section class="panel" aria-labelledby="schedule-heading">
              <h2 id="schedule-heading">{i18n.t('schedule.title')}</h2>
              <div class="field">
                <label for="campaign-send-at">{i18n.t('schedule.when')}</label>
                <input
                  id="campaign-send-at"
                  name="sendAt"
                  type="datetime-local"
                  value={form.sendAt}
                  disabled={!editable}
                  aria-describedby="campaign-send-at-help"
                  onInput={(e) => set('sendAt', (e.target as HTMLInputElement).value)}
                />
                <p id="campaign-send-at-help" class="help">
                  {i18n.t('schedule.zone', { zone: timeZone })}
                </p>
              </div>
              <fieldset class="segmented" disabled={!editable}>
                <legend>{i18n.t('schedule.mode')}</legend>
                <label>
                  <input
                    type="radio"
                    name="local-time"
                    checked={!form.localTime}
                    onChange={() => set('localTime', false)}
                  />
                  {i18n.t('schedule.storeTime')}
                </label>
                <label>
                  <input
                    type="radio"
                    name="local-time"
                    checked={form.localTime}
                    onChange={() => set('localTime', true)}
                  />
                  {i18n.t('schedule.localTime')}
                </label>
              </fieldset>
              <p class="help">{i18n.t('schedule.note')}</p>
              {editable && (
                <button type="button" class="primary" disabled={busy} onClick={onSchedule}>
                  {i18n.t('schedule.submit')}
                </button>
              )}
              {existing !== null && (existing.status === 'scheduled' || existing.status === 'sending') && (
                <button type="button" class="danger" disabled={busy} onClick={onCancel}>
                  {i18n.t('schedule.cancel')}
                </button>
              )}
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
