// Tables: sortable by header, paginated, so 100,000 rows cost what one page costs.

const PAGE_SIZE = 50;

/**
 * columns: [{ key, label (text, or a function making a node), num, sort(row) → value, cell(row) → node | text, title }]
 * options: { sort: { key, dir }, onSort(key), page, onPage(page), pageSize, rowProps(row), empty }
 */
function dataTable(columns, rows, options = {}) {
  const sorted = sortRows(columns, rows, options.sort);
  const pageSize = options.pageSize ?? Infinity;
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const page = Math.min(Math.max(0, options.page ?? 0), pages - 1);
  const shown = pageSize === Infinity ? sorted : sorted.slice(page * pageSize, (page + 1) * pageSize);
  const head = h(
    "tr",
    null,
    columns.map((c) => {
      const sortable = c.sort && options.onSort;
      const arrow = options.sort?.key === c.key ? (options.sort.dir === "asc" ? " ▲" : " ▼") : "";
      // A label may be a function (an SVG axis): a node can sit in one table only.
      const label = typeof c.label === "function" ? c.label() : c.label;
      return h("th", { class: [c.num ? "num" : "", sortable ? "sortable" : ""].join(" ").trim() || undefined, title: c.title, onclick: sortable ? () => options.onSort(c.key) : undefined, dataset: { key: c.key } }, label, arrow);
    }),
  );
  const body = shown.map((row) =>
    h(
      "tr",
      options.rowProps ? options.rowProps(row) : null,
      columns.map((c) => h("td", { class: c.num ? "num" : undefined }, c.cell ? c.cell(row) : row[c.key])),
    ),
  );
  const table = h("table", null, h("thead", null, head), h("tbody", null, body.length > 0 ? body : h("tr", null, h("td", { colspan: columns.length, class: "muted" }, options.empty ?? "Nothing to show."))));
  if (pages === 1) return h("div", { class: "scroll" }, table);
  return h("div", { class: "scroll" }, pager(page, pages, sorted.length, pageSize, options.onPage), table, pager(page, pages, sorted.length, pageSize, options.onPage));
}

function pager(page, pages, total, pageSize, onPage) {
  const from = page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  return h(
    "div",
    { class: "pager" },
    h("button", { type: "button", disabled: page === 0, onclick: () => onPage(0) }, "« first"),
    h("button", { type: "button", disabled: page === 0, onclick: () => onPage(page - 1), "data-page": "prev" }, "‹ prev"),
    h("span", null, `${count(from)}–${count(to)} of ${count(total)}`),
    h("button", { type: "button", disabled: page >= pages - 1, onclick: () => onPage(page + 1), "data-page": "next" }, "next ›"),
    h("button", { type: "button", disabled: page >= pages - 1, onclick: () => onPage(pages - 1) }, "last »"),
  );
}

function sortRows(columns, rows, sort) {
  const column = sort && columns.find((c) => c.key === sort.key);
  if (!column || !column.sort) return rows;
  const sign = sort.dir === "asc" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: column.sort(row) }))
    .sort((a, b) => {
      // Missing values last whichever the direction; ties keep the original order.
      const na = a.key === null || a.key === undefined;
      const nb = b.key === null || b.key === undefined;
      if (na || nb) return na && nb ? a.index - b.index : na ? 1 : -1;
      const c = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return c * sign || a.index - b.index;
    })
    .map((x) => x.row);
}

/** The next sort state after clicking `key`: descending first, then ascending. */
function nextSort(current, key) {
  return current && current.key === key ? { key, dir: current.dir === "desc" ? "asc" : "desc" } : { key, dir: "desc" };
}
