import { useState } from 'react';
import { useApp } from '../app/context';
import { businessDate } from '../format';
import { customRangeProblem, rangeLabels, rangePresets, type RangePreset } from '../state/range';
import { activeFilterCount, karats, noFilters, withFilter, type Filters } from '../state/view';

/** Range and filters every chart and card of the page follows; all of it lives in the URL. */
export function FilterBar() {
  const { view, navigate, range, options, shop } = useApp();
  const [from, setFrom] = useState(view.from ?? range.from);
  const [to, setTo] = useState(view.to ?? range.to);
  const problem = view.range === 'custom' ? customRangeProblem({ from, to }) : null;

  const setRange = (preset: RangePreset) => {
    if (preset === 'custom') {
      setFrom(range.from);
      setTo(range.to);
      navigate({ ...view, range: preset, from: range.from, to: range.to, drill: [] });
    } else navigate({ ...view, range: preset, from: null, to: null, drill: [] });
  };
  const applyCustom = (nextFrom: string, nextTo: string) => {
    setFrom(nextFrom);
    setTo(nextTo);
    if (!customRangeProblem({ from: nextFrom, to: nextTo })) navigate({ ...view, range: 'custom', from: nextFrom, to: nextTo, drill: [] }, true);
  };
  const setFilter = <K extends keyof Filters>(name: K, value: Filters[K]) => navigate(withFilter(view, name, value));
  const number = (text: string) => (text ? Number(text) : null);

  return (
    <section className="filter-bar" aria-label="Time range and filters">
      <div className="field">
        <label htmlFor="range">Period</label>
        <select id="range" value={view.range} onChange={(e) => setRange(e.target.value as RangePreset)}>
          {rangePresets.map((preset) => (
            <option key={preset} value={preset}>
              {rangeLabels[preset]}
            </option>
          ))}
        </select>
      </div>
      {view.range === 'custom' && (
        <>
          <div className="field">
            <label htmlFor="from">From</label>
            <input id="from" type="date" value={from} max={to} onChange={(e) => applyCustom(e.target.value, to)} aria-invalid={problem ? true : undefined} />
          </div>
          <div className="field">
            <label htmlFor="to">To</label>
            <input id="to" type="date" value={to} min={from} onChange={(e) => applyCustom(from, e.target.value)} aria-invalid={problem ? true : undefined} />
          </div>
          {problem && (
            <p className="form-error small" role="alert">
              {problem}
            </p>
          )}
        </>
      )}
      <div className="field">
        <label htmlFor="branch">Branch</label>
        <select id="branch" value={view.filters.branch ?? ''} onChange={(e) => setFilter('branch', number(e.target.value))}>
          <option value="">All branches</option>
          {options?.branches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="line">Product line</label>
        <select id="line" value={view.filters.productLine ?? ''} onChange={(e) => setFilter('productLine', number(e.target.value))}>
          <option value="">All lines</option>
          {options?.productLines.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="category">Category</label>
        <select id="category" value={view.filters.category ?? ''} onChange={(e) => setFilter('category', e.target.value || null)}>
          <option value="">All categories</option>
          {options?.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="karat">Karat</label>
        <select id="karat" value={view.filters.karat ?? ''} onChange={(e) => setFilter('karat', number(e.target.value))}>
          <option value="">All karats</option>
          {(options?.karats ?? karats).map((k) => (
            <option key={k} value={k}>
              {k}K
            </option>
          ))}
        </select>
      </div>
      {activeFilterCount(view.filters) > 0 && (
        <button type="button" className="ghost small clear" onClick={() => navigate({ ...view, filters: noFilters, drill: [] })}>
          Clear filters ({activeFilterCount(view.filters)})
        </button>
      )}
      <p className="range-label small muted" aria-live="polite" data-testid="range-label">
        {businessDate(range.from, shop)} – {businessDate(range.to, shop)}
      </p>
    </section>
  );
}
