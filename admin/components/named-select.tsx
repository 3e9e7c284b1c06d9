/**
 * A select over named items (touchpoints, surveys) by id; `all` adds an empty first option
 * with that label, for filters.
 */
export function NamedSelect({ value, items, onChange, all }: { value: string; items: readonly { id: string; name: string }[]; onChange: (id: string) => void; all?: string }) {
  return (
    <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {all !== undefined && <option value="">{all}</option>}
      {items.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </select>
  );
}
