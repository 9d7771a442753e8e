import type { ComponentChildren } from 'preact';

/** The page's h1: focusable from script only, so the shell can move focus to it after a navigation. */
export function PageHeading({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <h1 id={id} tabIndex={-1}>
      {children}
    </h1>
  );
}
