import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, unwrap } from '../api/client.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { Failure, Loading } from '../components/status.tsx';
import { RuleGroup } from '../components/segments/rule-editor.tsx';
import {
  type EditorNode,
  type FieldInfo,
  fromRule,
  incomplete,
  type GroupNode,
  newGroup,
  nodeAt,
  type Rule,
  toRule,
  updateNode,
} from '../components/segments/rule-model.ts';
import { describeRule } from '../components/segments/rule-text.ts';
import { type PreviewState, SegmentPreview } from '../components/segments/segment-preview.tsx';
import type { PageProps } from '../page.ts';
import { canChange } from '../session.ts';
import './segments.css';

interface Segment {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly rule: Rule;
  readonly builtIn: boolean;
  readonly members: number;
  readonly refreshedAt: string | null;
}

interface Draft {
  /** The segment being changed; null for a new one. */
  readonly id: string | null;
  readonly name: string;
  readonly description: string;
  readonly root: GroupNode;
}

/** How long the editor waits after the last change before it asks for the count. */
const PREVIEW_DELAY_MS = 350;
const SAMPLE_SIZE = 10;

/**
 * Segments: the built-in and the store's own, each with its rule in words and its members; an
 * editor whose count follows the rule as it is built (POST /v1/segments/preview, open to viewers),
 * and saving for owners and marketers (the server checks the role, too).
 */
export function SegmentsPage({ api, i18n, session, headingId }: PageProps) {
  const { t } = i18n;
  const writable = canChange(session);
  const [segments, setSegments] = useState<Segment[] | { error: string } | null>(null);
  const [fields, setFields] = useState<FieldInfo[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [preview, setPreview] = useState<PreviewState>(null);
  const [fault, setFault] = useState<{ id: number; message: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const editorRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    Promise.all([api.GET('/v1/segments'), api.GET('/v1/segments/fields')])
      .then(([list, catalogue]) => {
        setSegments((unwrap(list) as { segments: Segment[] }).segments);
        setFields(unwrap(catalogue).fields as FieldInfo[]);
      })
      .catch((error: unknown) => setSegments({ error: error instanceof Error ? error.message : String(error) }));
  }, [attempt]);

  const types = useMemo(() => new Map(fields.map((f) => [f.name, f.type])), [fields]);
  const built = useMemo(() => (draft ? toRule(draft.root, fields) : null), [draft, fields]);

  // The live count: one request per pause in typing; an answer to an older rule is dropped.
  const ruleText = built ? JSON.stringify(built.rule) : null;
  useEffect(() => {
    if (built === null || draft === null) return;
    if (incomplete(draft.root)) {
      setPreview({ kind: 'incomplete' });
      return;
    }
    let live = true;
    setPreview({ kind: 'counting' });
    const timer = setTimeout(() => {
      api
        .POST('/v1/segments/preview', {
          body: { rule: built.rule as unknown as Record<string, never>, limit: SAMPLE_SIZE },
        })
        .then((result) => {
          if (!live) return;
          const data = unwrap(result);
          setFault(null);
          setPreview({
            kind: 'count',
            count: data.count,
            customers: data.customers.map((c) => c.customerId),
            asOf: data.asOf,
          });
        })
        .catch((error: unknown) => live && showError(error, built.pointers));
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [ruleText]);

  const showError = (error: unknown, pointers?: Map<number, string>) => {
    if (error instanceof ApiError) {
      const path = error.details?.path;
      const text = t('segments.error', {
        code: error.code,
        path: typeof path === 'string' ? path : '/',
        message: error.message,
      });
      setPreview({ kind: 'error', text });
      const id = typeof path === 'string' && pointers ? nodeAt(pointers, path) : null;
      setFault(id === null ? null : { id, message: `${error.code}: ${error.message}` });
    } else setPreview({ kind: 'error', text: String(error) });
  };

  const open = (next: Draft) => {
    setDraft(next);
    setFault(null);
    setNotice(null);
    requestAnimationFrame(() => editorRef.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus());
  };
  const change = (id: number, fn: (node: EditorNode) => EditorNode | null) =>
    setDraft((d) => (d ? { ...d, root: updateNode(d.root, id, fn) } : d));

  const save = async (event: Event) => {
    event.preventDefault();
    if (!draft || !built) return;
    const body = {
      name: draft.name,
      description: draft.description.trim() || null,
      rule: built.rule as unknown as Record<string, never>,
    };
    try {
      const result =
        draft.id === null
          ? await api.POST('/v1/segments', { body })
          : await api.PUT('/v1/segments/{id}', { params: { path: { id: draft.id } }, body });
      const saved = unwrap(result) as unknown as Segment;
      setDraft(null);
      setPreview(null);
      setNotice(t('segments.saved', { name: saved.name }));
      setAttempt((a) => a + 1);
    } catch (error) {
      showError(error, built.pointers);
    }
  };

  const remove = async (segment: Segment) => {
    if (!confirm(t('segments.deleteConfirm', { name: segment.name }))) return;
    try {
      const result = await api.DELETE('/v1/segments/{id}', { params: { path: { id: segment.id } } });
      if (!result.response.ok) unwrap(result);
      setNotice(t('segments.deleted', { name: segment.name }));
      if (draft?.id === segment.id) setDraft(null);
      setAttempt((a) => a + 1);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    }
  };

  const list = segments && !('error' in segments) ? segments : null;
  const row = (s: Segment) => (
    <tr key={s.id} data-segment={s.id}>
      <th scope="row">
        {s.name}
        {s.builtIn && <span class="badge">{t('segments.builtIn')}</span>}
        {s.description && <span class="help block">{s.description}</span>}
      </th>
      <td class="num" data-members={s.members}>
        {i18n.number(s.members)}
      </td>
      <td class="rule-words">{describeRule(i18n, s.rule, types)}</td>
      <td>{s.refreshedAt ? new Date(s.refreshedAt).toLocaleString(i18n.locale) : t('segments.list.never')}</td>
      <td class="row-actions">
        {!s.builtIn && (
          <button
            type="button"
            onClick={() => open({ id: s.id, name: s.name, description: s.description ?? '', root: fromRule(s.rule) })}
          >
            {writable ? t('segments.edit') : t('segments.editor.titleTry')}
          </button>
        )}
        <button
          type="button"
          onClick={() =>
            open({
              id: null,
              name: t('segments.copyName', { name: s.name }),
              description: s.description ?? '',
              root: fromRule(s.rule),
            })
          }
        >
          {t('segments.copy')}
        </button>
        {!s.builtIn && writable && (
          <button type="button" class="danger" onClick={() => void remove(s)}>
            {t('segments.delete')}
          </button>
        )}
      </td>
    </tr>
  );
  const table = (items: Segment[], id: string, title: string, help?: string) => (
    <section class="card" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {help && <p class="help">{help}</p>}
      {items.length === 0 ? (
        <p>{t('segments.none')}</p>
      ) : (
        <div class="scroll" tabIndex={0} role="region" aria-label={title}>
          <table class="segments-table">
            <thead>
              <tr>
                <th scope="col">{t('segments.list.name')}</th>
                <th scope="col" class="num">
                  {t('segments.list.members')}
                </th>
                <th scope="col">{t('segments.list.rule')}</th>
                <th scope="col">{t('segments.list.refreshed')}</th>
                <th scope="col">{t('segments.list.actions')}</th>
              </tr>
            </thead>
            <tbody>{items.map(row)}</tbody>
          </table>
        </div>
      )}
    </section>
  );

  return (
    <div class="segments-page">
      <PageHeading id={headingId}>{t('segments.title')}</PageHeading>
      <p class="lede">{t('segments.lede')}</p>
      {!writable && <p class="note">{t('segments.readOnly')}</p>}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {segments === null && <Loading i18n={i18n} />}
      {segments !== null && 'error' in segments && (
        <Failure i18n={i18n} message={segments.error} onRetry={() => setAttempt(attempt + 1)} />
      )}
      {list && (
        <>
          <p>
            <button
              type="button"
              class="button"
              onClick={() => open({ id: null, name: '', description: '', root: newGroup() })}
            >
              {writable ? t('segments.new') : t('segments.editor.titleTry')}
            </button>
          </p>
          {draft && built && (
            <div class="editor-layout">
              <form class="card editor" ref={editorRef} onSubmit={(e) => void save(e)} aria-labelledby="editor-title">
                <h2 id="editor-title">
                  {!writable
                    ? t('segments.editor.titleTry')
                    : draft.id === null
                      ? t('segments.editor.titleNew')
                      : t('segments.editor.titleEdit', { name: draft.name })}
                </h2>
                <label class="field">
                  <span>{t('segments.editor.name')}</span>
                  <input
                    name="name"
                    value={draft.name}
                    required
                    maxLength={200}
                    disabled={!writable}
                    onInput={(e) => setDraft({ ...draft, name: (e.target as HTMLInputElement).value })}
                  />
                </label>
                <label class="field">
                  <span>{t('segments.editor.description')}</span>
                  <input
                    name="description"
                    value={draft.description}
                    maxLength={2000}
                    disabled={!writable}
                    onInput={(e) => setDraft({ ...draft, description: (e.target as HTMLInputElement).value })}
                  />
                </label>
                <h3>{t('segments.editor.rule')}</h3>
                <RuleGroup
                  i18n={i18n}
                  group={draft.root}
                  fields={fields}
                  readOnly={false}
                  fault={fault}
                  onChange={change}
                  root
                />
                <p class="explanation">
                  <strong>{t('segments.editor.explanation')}: </strong>
                  <span data-explanation>{describeRule(i18n, built.rule, types)}</span>
                </p>
                <div class="rule-row">
                  {writable && (
                    <button type="submit" class="button">
                      {draft.id === null ? t('segments.editor.save') : t('segments.editor.update')}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => {
                      setDraft(null);
                      setPreview(null);
                    }}
                  >
                    {t('segments.editor.cancel')}
                  </button>
                </div>
              </form>
              <SegmentPreview i18n={i18n} state={preview} />
            </div>
          )}
          {table(
            list.filter((s) => !s.builtIn),
            'own-segments',
            t('segments.own'),
          )}
          {table(
            list.filter((s) => s.builtIn),
            'built-in-segments',
            t('segments.builtIn'),
            t('segments.builtIn.help'),
          )}
        </>
      )}
    </div>
  );
}
