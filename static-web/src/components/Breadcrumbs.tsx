export interface Crumb {
  label: string;
  onSelect?: () => void;
}

/** Where a drill-down is; every level above the current one is a button back to it. */
export function Breadcrumbs({ crumbs, label = 'Drill-down' }: { crumbs: Crumb[]; label?: string }) {
  return (
    <nav aria-label={label} className="breadcrumbs">
      <ol>
        {crumbs.map((crumb, i) => (
          <li key={i}>
            {i < crumbs.length - 1 && crumb.onSelect ? (
              <button type="button" className="link" onClick={crumb.onSelect}>
                {crumb.label}
              </button>
            ) : (
              <span aria-current="location">{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
