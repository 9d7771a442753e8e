/**
 * A chart's key as HTML above it: readable by screen readers and cheaper than ECharts' legend
 * component, which would add to the chart chunk the Overview loads too.
 */
export function Legend({ items }: { items: readonly { name: string; colour: string }[] }) {
  return (
    <ul class="legend">
      {items.map((item) => (
        <li key={item.name}>
          <span class="swatch" style={{ background: item.colour }} aria-hidden="true" />
          {item.name}
        </li>
      ))}
    </ul>
  );
}
