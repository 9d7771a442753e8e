import type { ComponentChildren } from 'preact';

/** A titled part of a page, labelled by its heading for the landmarks list. */
export function Section({
  id,
  title,
  help,
  children,
}: {
  id: string;
  title: string;
  help?: string;
  children: ComponentChildren;
}) {
  return (
    <section class="card" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {help && <p class="help">{help}</p>}
      {children}
    </section>
  );
}
