import type { I18n } from '../i18n/i18n.ts';

export function Loading({ i18n }: { i18n: I18n }) {
  return (
    <p class="status" role="status">
      {i18n.t('app.loading')}
    </p>
  );
}

export function Failure({ i18n, message, onRetry }: { i18n: I18n; message: string; onRetry?: () => void }) {
  return (
    <div class="status failure" role="alert">
      <p>{i18n.t('app.error', { message })}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {i18n.t('app.retry')}
        </button>
      )}
    </div>
  );
}
