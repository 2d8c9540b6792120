'use client';
import { useCallback, useEffect, useRef, useState } from 'react';

/** Copies text to the clipboard and says whether it worked, for a few seconds. */
export function useCopy() {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = useCallback((text: string) => {
    clearTimeout(timer.current);
    const done = (next: 'copied' | 'failed') => {
      setStatus(next);
      timer.current = setTimeout(() => setStatus('idle'), 4000);
    };
    if (typeof navigator === 'undefined' || !navigator.clipboard) {
      done('failed');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => done('copied'),
      () => done('failed'),
    );
  }, []);
  return { status, copy };
}
