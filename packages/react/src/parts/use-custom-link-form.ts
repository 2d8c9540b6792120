'use client';
import type { ApiError } from '@session-links/client';
import {
  type CustomLink,
  type CustomLinkInput,
  customLinkSchema,
  customLinkWarnings,
  type LinkHostWarning,
  linkHost,
  linkHostWarning,
  type Provider,
  recognizeProvider,
} from '@session-links/core';
import { useCallback, useMemo, useState } from 'react';

export type CustomLinkField = 'url' | 'password' | 'description';
export type CustomLinkValues = Required<{ [K in keyof CustomLinkInput]: string }>;
export type CustomLinkErrors = Partial<Record<CustomLinkField, string>>;

export function toFormValues(link: Partial<CustomLinkInput> | null | undefined): CustomLinkValues {
  return { url: link?.url ?? '', password: link?.password ?? '', description: link?.description ?? '' };
}

/**
 * State of a custom-link form (R11), validated with the shared `customLinkSchema`.
 * Errors are codes (`url.scheme`…) that the view turns into messages. The values live
 * here, not in the inputs, so they survive a failed save and a re-render of the view.
 */
export function useCustomLinkForm(initial?: Partial<CustomLinkInput> | null) {
  const [values, setValues] = useState<CustomLinkValues>(() => toFormValues(initial));
  const [errors, setErrors] = useState<CustomLinkErrors>({});

  const setValue = useCallback((field: CustomLinkField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    // An error goes away as soon as the field is edited; it comes back on the next submit.
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  }, []);

  /** Parses the values; on failure sets the field errors and returns null. */
  const validate = useCallback((): CustomLink | null => {
    const result = customLinkSchema.safeParse(values);
    if (result.success) {
      setErrors({});
      return result.data;
    }
    const next: CustomLinkErrors = {};
    for (const issue of result.error.issues) {
      const field = issue.path[0] as CustomLinkField;
      next[field] ??= issue.message;
    }
    setErrors(next);
    return null;
  }, [values]);

  /** Shows the field errors of a VALIDATION answer from the server next to the fields. */
  const applyServerErrors = useCallback((error: ApiError) => {
    if (error.code !== 'VALIDATION') return;
    const next: CustomLinkErrors = {};
    for (const [path, codes] of Object.entries(error.fields)) {
      const field = path.split('.').pop() as CustomLinkField;
      if (field === 'url' || field === 'password' || field === 'description') next[field] = codes[0];
    }
    setErrors(next);
  }, []);

  const reset = useCallback((link?: Partial<CustomLinkInput> | null) => {
    setValues(toFormValues(link));
    setErrors({});
  }, []);

  const url = values.url.trim();
  const derived = useMemo(() => {
    const valid = url !== '' && customLinkSchema.shape.url.safeParse(url).success;
    return {
      provider: (valid ? recognizeProvider(url) : null) as Provider | null,
      warnings: valid ? customLinkWarnings(url) : [],
      /** Where the link really goes (R21), as the browser will contact it; null until the link is valid. */
      host: valid ? linkHost(url) : null,
      /** Set when the host borrows a provider's name without belonging to it (R21). */
      lookalike: (valid ? linkHostWarning(url) : null) as LinkHostWarning | null,
    };
  }, [url]);

  return { values, errors, setValue, validate, applyServerErrors, reset, ...derived };
}

export type CustomLinkFormState = ReturnType<typeof useCustomLinkForm>;
