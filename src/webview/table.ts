/**
 * The drill-down table: sortable columns (header buttons with `aria-sort`), filters (a text search
 * and choice lists), and pages of {@link PAGE_SIZE} rows, so that a workspace with thousands of
 * dependencies renders a hundred rows at a time whatever its size. Choosing a row — a click, or
 * Enter on its location button — calls `onActivate` (the report opens the file at the line).
 */
import type { TableState } from './host';
import { formatCount, html, type Child } from './dom';

export const PAGE_SIZE = 100;

export interface Column<T> {
  id: string;
  label: string;
  /** a value, or values compared one after the other (file, then line) */
  sortValue: (row: T) => SortValue | SortValue[];
  cell: (row: T) => Child;
  className?: string;
}

export interface Filter<T> {
  id: string;
  label: string;
  /** a text box matched against `text`, or a choice list of `choices` */
  kind: 'search' | 'choice';
  /** the choices of a choice list, from the current rows */
  choices?: (rows: T[]) => string[];
  test: (row: T, value: string) => boolean;
}

export interface DataTableOptions<T> {
  id: string;
  caption: string;
  columns: Column<T>[];
  filters: Filter<T>[];
  rowKey: (row: T) => string;
  rowClass?: (row: T) => string;
  /** the label of a row's action, for screen readers ("Open shop-api/template.yaml:16") */
  rowAction: (row: T) => string;
  onActivate: (row: T) => void;
  state: TableState;
  onStateChange: (state: TableState) => void;
  defaultSort: string;
}

type SortValue = string | number;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareValues(a: SortValue | SortValue[], b: SortValue | SortValue[]): number {
  const xs = Array.isArray(a) ? a : [a];
  const ys = Array.isArray(b) ? b : [b];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i] as SortValue;
    const y = ys[i] as SortValue;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    if (c) return c;
  }
  return xs.length - ys.length;
}

export class DataTable<T> {
  readonly element: HTMLElement;
  private rows: T[] = [];
  private visible: T[] = [];
  private readonly state: Required<TableState>;
  private readonly controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
  private readonly headers = new Map<string, HTMLTableCellElement>();
  private readonly body = html('tbody');
  private readonly status: HTMLElement;
  private readonly pager: HTMLElement;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: DataTableOptions<T>) {
    const saved = options.state;
    this.state = {
      sort: options.columns.some((c) => c.id === saved.sort) ? (saved.sort as string) : options.defaultSort,
      descending: saved.descending === true,
      page: typeof saved.page === 'number' && saved.page >= 0 ? Math.floor(saved.page) : 0,
      filters: { ...(saved.filters ?? {}) },
    };
    const filterBar = html('div', { class: 'filters', role: 'search', 'aria-label': `Filter ${options.caption.toLowerCase()}` });
    for (const filter of options.filters) {
      const controlId = `${options.id}-filter-${filter.id}`;
      const control =
        filter.kind === 'search'
          ? html('input', { type: 'search', id: controlId, placeholder: 'file, message, service…', autocomplete: 'off', 'data-filter': filter.id })
          : html('select', { id: controlId, 'data-filter': filter.id });
      control.value = this.state.filters[filter.id] ?? '';
      control.addEventListener(filter.kind === 'search' ? 'input' : 'change', () => {
        clearTimeout(this.searchTimer);
        const apply = () => this.setFilter(filter.id, control.value);
        if (filter.kind === 'search') this.searchTimer = setTimeout(apply, 120);
        else apply();
      });
      this.controls.set(filter.id, control);
      filterBar.append(html('label', { class: 'filter', for: controlId }, html('span', {}, filter.label), control));
    }
    const clear = html('button', { type: 'button', class: 'secondary', 'data-action': 'clear-filters' }, 'Clear filters');
    clear.addEventListener('click', () => {
      this.state.filters = {};
      for (const control of this.controls.values()) control.value = '';
      this.state.page = 0;
      this.update();
    });
    filterBar.append(clear);

    const headRow = html('tr');
    for (const column of options.columns) {
      const button = html('button', { type: 'button', class: 'sort', 'data-sort': column.id }, column.label, html('span', { class: 'sort-mark', 'aria-hidden': 'true' }));
      button.addEventListener('click', () => this.sortBy(column.id));
      const th = html('th', { scope: 'col', class: column.className }, button);
      this.headers.set(column.id, th);
      headRow.append(th);
    }
    const statusId = `${options.id}-status`;
    this.status = html('p', { class: 'table-status', id: statusId, role: 'status', 'aria-live': 'polite' });
    const table = html('table', { class: 'data-table', id: `${options.id}-table`, 'aria-describedby': statusId }, html('caption', { class: 'visually-hidden' }, options.caption), html('thead', {}, headRow), this.body);
    this.body.addEventListener('click', (event) => {
      const target = event.target as Element;
      if (target.closest('a, button, input, select')) return;
      const tr = target.closest('tr');
      const row = tr ? this.visibleRowByKey(tr.getAttribute('data-key')) : undefined;
      if (row) options.onActivate(row);
    });
    this.pager = html('nav', { class: 'pager', 'aria-label': `${options.caption} pages` });
    this.element = html('div', { class: 'table-block', id: options.id }, filterBar, this.status, html('div', { class: 'table-scroll' }, table), this.pager);
  }

  /** Replaces the rows (new data, or a simulation changed a column). Filters and sort stay. */
  setRows(rows: T[]): void {
    this.rows = rows;
    for (const filter of this.options.filters) {
      if (filter.kind !== 'choice' || !filter.choices) continue;
      const control = this.controls.get(filter.id) as HTMLSelectElement;
      const value = this.state.filters[filter.id] ?? '';
      const choices = filter.choices(rows);
      if (value && !choices.includes(value)) choices.unshift(value);
      control.replaceChildren(html('option', { value: '' }, 'all'), ...choices.map((c) => html('option', { value: c }, c)));
      control.value = value;
    }
    this.update();
  }

  /** Sets one filter from outside (a map bubble or a chart bar was chosen). */
  setFilter(id: string, value: string): void {
    if (value) this.state.filters[id] = value;
    else delete this.state.filters[id];
    const control = this.controls.get(id);
    if (control && control.value !== value) {
      if (control instanceof HTMLSelectElement && value && ![...control.options].some((o) => o.value === value)) control.append(html('option', { value }, value));
      control.value = value;
    }
    this.state.page = 0;
    this.update();
  }

  clearFilters(): void {
    this.state.filters = {};
    for (const control of this.controls.values()) control.value = '';
    this.state.page = 0;
  }

  get rowCount(): number {
    return this.visible.length;
  }

  private visibleRowByKey(key: string | null): T | undefined {
    return key === null ? undefined : this.visible.find((r) => this.options.rowKey(r) === key);
  }

  private sortBy(columnId: string): void {
    if (this.state.sort === columnId) this.state.descending = !this.state.descending;
    else {
      this.state.sort = columnId;
      this.state.descending = false;
    }
    this.state.page = 0;
    this.update();
    this.headers.get(columnId)?.querySelector('button')?.focus();
  }

  private update(): void {
    const filters = this.options.filters.filter((f) => this.state.filters[f.id]);
    const filtered = this.rows.filter((row) => filters.every((f) => f.test(row, this.state.filters[f.id] as string)));
    const column = this.options.columns.find((c) => c.id === this.state.sort) ?? this.options.columns[0];
    if (column) {
      const keyed = filtered.map((row, index) => ({ row, index, value: column.sortValue(row) }));
      const direction = this.state.descending ? -1 : 1;
      keyed.sort((a, b) => compareValues(a.value, b.value) * direction || a.index - b.index);
      this.visible = keyed.map((k) => k.row);
    } else this.visible = filtered;

    for (const [id, th] of this.headers) {
      if (id === this.state.sort) th.setAttribute('aria-sort', this.state.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
    const pages = Math.max(1, Math.ceil(this.visible.length / PAGE_SIZE));
    this.state.page = Math.min(this.state.page, pages - 1);
    const start = this.state.page * PAGE_SIZE;
    const pageRows = this.visible.slice(start, start + PAGE_SIZE);
    this.body.replaceChildren(
      ...pageRows.map((row) => {
        const tr = html('tr', { 'data-key': this.options.rowKey(row), class: this.options.rowClass?.(row), title: this.options.rowAction(row) });
        for (const c of this.options.columns) tr.append(html('td', { class: c.className, 'data-column': c.id }, c.cell(row)));
        return tr;
      }),
    );
    if (!pageRows.length) this.body.append(html('tr', { class: 'empty-row' }, html('td', { colspan: this.options.columns.length }, this.rows.length ? 'No row matches the filters.' : 'Nothing found.')));
    const hidden = this.rows.length - this.visible.length;
    this.status.textContent = this.visible.length
      ? `Showing ${formatCount(start + 1)}–${formatCount(start + pageRows.length)} of ${formatCount(this.visible.length)}${hidden ? ` (${formatCount(hidden)} filtered out)` : ''}`
      : `No rows${hidden ? ` (${formatCount(hidden)} filtered out)` : ''}`;
    this.renderPager(pages);
    this.options.onStateChange({ ...this.state, filters: { ...this.state.filters } });
  }

  private renderPager(pages: number): void {
    if (pages <= 1) {
      this.pager.replaceChildren();
      return;
    }
    const go = (page: number) => {
      this.state.page = page;
      this.update();
    };
    const button = (label: string, page: number, disabled: boolean, action: string) => {
      const b = html('button', { type: 'button', class: 'secondary', disabled, 'data-page': action }, label);
      b.addEventListener('click', () => {
        go(page);
        (this.pager.querySelector(`[data-page="${action}"]:not([disabled])`) as HTMLButtonElement | null)?.focus();
      });
      return b;
    };
    const p = this.state.page;
    this.pager.replaceChildren(
      button('First', 0, p === 0, 'first'),
      button('Previous', p - 1, p === 0, 'previous'),
      html('span', { class: 'page-of' }, `Page ${formatCount(p + 1)} of ${formatCount(pages)}`),
      button('Next', p + 1, p >= pages - 1, 'next'),
      button('Last', pages - 1, p >= pages - 1, 'last'),
    );
  }
}
