'use client';
import type { CustomLink } from '@session-links/core';
import { type ComponentPropsWithRef, type FormEvent, type ReactNode, useId, useRef } from 'react';
import { useWidgetMessages } from '../context/use-widget-messages';
import { cx } from '../primitives/cx';
import { ProviderMark } from './provider-mark';
import type { CustomLinkField, CustomLinkFormState } from './use-custom-link-form';

export interface CustomLinkFormProps extends Omit<ComponentPropsWithRef<'form'>, 'onSubmit' | 'children'> {
  form: CustomLinkFormState;
  onSubmit: (link: CustomLink) => void;
  submitLabel: string;
  pending?: boolean;
  onCancel?: () => void;
  /** Shown above the buttons, e.g. a save error with its own action. */
  footer?: ReactNode;
}

/**
 * Link, Password and Description fields with live provider recognition (R11). Used by
 * every widget that takes a custom link, so the rules and messages exist once.
 */
export function CustomLinkForm({
  form,
  onSubmit,
  submitLabel,
  pending = false,
  onCancel,
  footer,
  className,
  ...props
}: CustomLinkFormProps) {
  const t = useWidgetMessages('CustomLinkForm');
  const id = useId();
  const refs = {
    url: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    description: useRef<HTMLTextAreaElement>(null),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const link = form.validate();
    if (link) {
      onSubmit(link);
      return;
    }
    // Focus the first field with an error so a keyboard or screen-reader user lands on it.
    const result = ['url', 'password', 'description'] as const;
    queueMicrotask(() => {
      for (const field of result) {
        const el = refs[field].current;
        if (el?.getAttribute('aria-invalid') === 'true') {
          el.focus();
          break;
        }
      }
    });
  };

  const describedBy = (field: CustomLinkField, hint?: string) =>
    [
      hint,
      form.errors[field] ? `${id}-${field}-error` : undefined,
      field === 'url' && form.host ? `${id}-url-host` : undefined,
      field === 'url' && form.lookalike ? `${id}-url-lookalike` : undefined,
      field === 'url' && form.warnings.length ? `${id}-url-warning` : undefined,
    ]
      .filter(Boolean)
      .join(' ') || undefined;

  const error = (field: CustomLinkField) =>
    form.errors[field] ? (
      <p id={`${id}-${field}-error`} className="sl-field-error" data-field-error={field}>
        {t.field(form.errors[field] as string)}
      </p>
    ) : null;

  return (
    <form {...props} className={cx('sl-form', className)} onSubmit={submit} noValidate aria-busy={pending || undefined}>
      <div className="sl-field" data-invalid={form.errors.url ? '' : undefined}>
        <label htmlFor={`${id}-url`}>{t('link.label')}</label>
        <input
          ref={refs.url}
          id={`${id}-url`}
          name="url"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          required
          aria-required="true"
          aria-invalid={form.errors.url ? true : undefined}
          aria-describedby={describedBy('url', `${id}-url-hint`)}
          value={form.values.url}
          onChange={(e) => form.setValue('url', e.target.value)}
          disabled={pending}
        />
        <p id={`${id}-url-hint`} className="sl-hint">
          {t('link.hint')}
        </p>
        {error('url')}
        {/* The real host, shown as the user types, so a look-alike link cannot hide where it goes (R21). */}
        <div aria-live="polite">
          {form.host ? (
            <p id={`${id}-url-host`} className="sl-link-host" data-lookalike={form.lookalike ? '' : undefined}>
              {t('link.host')} <strong dir="ltr">{form.host}</strong>
            </p>
          ) : null}
          {form.lookalike ? (
            <p id={`${id}-url-lookalike`} className="sl-field-warning" data-warning="lookalike" role="alert">
              {t('link.lookalike', { host: form.lookalike.host, provider: t.provider(form.lookalike.imitates) })}
            </p>
          ) : form.provider ? (
            <p className="sl-provider" data-provider={form.provider}>
              <ProviderMark provider={form.provider} />
              {t('link.provider', { provider: t.provider(form.provider) })}
            </p>
          ) : null}
        </div>
        {form.warnings.length ? (
          <p id={`${id}-url-warning`} className="sl-field-warning">
            {t.field('url.insecure')}
          </p>
        ) : null}
      </div>
      <div className="sl-field" data-invalid={form.errors.password ? '' : undefined}>
        <label htmlFor={`${id}-password`}>
          {t('password.label')} <span className="sl-optional">({t('common.optional')})</span>
        </label>
        <input
          ref={refs.password}
          id={`${id}-password`}
          name="password"
          type="text"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={form.errors.password ? true : undefined}
          aria-describedby={describedBy('password')}
          value={form.values.password}
          onChange={(e) => form.setValue('password', e.target.value)}
          disabled={pending}
        />
        {error('password')}
      </div>
      <div className="sl-field" data-invalid={form.errors.description ? '' : undefined}>
        <label htmlFor={`${id}-description`}>
          {t('description.label')} <span className="sl-optional">({t('common.optional')})</span>
        </label>
        <textarea
          ref={refs.description}
          id={`${id}-description`}
          name="description"
          rows={3}
          aria-invalid={form.errors.description ? true : undefined}
          aria-describedby={describedBy('description', `${id}-description-hint`)}
          value={form.values.description}
          onChange={(e) => form.setValue('description', e.target.value)}
          disabled={pending}
        />
        <p id={`${id}-description-hint`} className="sl-hint">
          {t('description.hint')}
        </p>
        {error('description')}
      </div>
      {footer}
      <div className="sl-actions">
        <button type="submit" className="sl-button" data-variant="primary" disabled={pending}>
          {pending ? t('common.saving') : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="sl-button" onClick={onCancel} disabled={pending}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
