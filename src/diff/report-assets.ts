/**
 * The stylesheet and script inlined into report.html. The page loads
 * nothing: its Content-Security-Policy forbids every fetch, so it opens the
 * same from a CI artifact, an e-mail attachment or a machine with no network.
 */

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

export const REPORT_CSS = `
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg-soft: #f6f8fa;
  --del: #ffebe9; --del-strong: #ffcecb; --add: #e6ffec; --add-strong: #abf2bc; --moved: #fff8c5; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
header, nav, main { padding: 12px 24px; }
header { border-bottom: 1px solid var(--line); background: var(--bg-soft); }
h1 { font-size: 20px; margin: 0 0 6px; }
h2 { font-size: 16px; margin: 18px 0 8px; }
code, pre, .code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
pre.totals { background: #fff; border: 1px solid var(--line); padding: 8px 12px; display: inline-block; margin: 6px 0; }
table.grid { border-collapse: collapse; margin: 6px 0; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: 3px 8px; text-align: right; white-space: nowrap; }
table.grid th { background: var(--bg-soft); }
table.grid th.text { text-align: left; }
table.grid td.name { white-space: normal; text-align: left; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
table.grid td.cls { text-align: left; white-space: normal; }
table.grid th.sortable { cursor: pointer; user-select: none; }
.regressed { color: #cf222e; }
.improved { color: #1a7f37; }
.filter { margin: 6px 0; }
.filter input { width: 360px; padding: 4px 8px; }
section.method { border: 1px solid var(--line); border-radius: 6px; margin: 14px 0; }
section.method > details > summary { padding: 8px 12px; background: var(--bg-soft); cursor: pointer; font-weight: 600; }
section.method ul { margin: 8px 12px 8px 32px; padding: 0; }
section.method li.difference { color: var(--muted); }
.tag { display: inline-block; font-size: 11px; font-weight: 500; padding: 0 6px; margin-left: 4px; border-radius: 10px; background: #ddf4ff; color: #0969da; }
table.sbs { width: 100%; border-collapse: collapse; table-layout: fixed; border-top: 1px solid var(--line); }
table.sbs col.no { width: 48px; }
table.sbs th { text-align: left; font-weight: 600; padding: 4px 8px; background: var(--bg-soft); border-bottom: 1px solid var(--line); }
table.sbs td { padding: 0 8px; white-space: pre; tab-size: 2; overflow: hidden; text-overflow: ellipsis; vertical-align: top;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
table.sbs td.no { color: var(--muted); text-align: right; user-select: none; border-right: 1px solid var(--line); }
table.sbs td.side-diff.no { border-left: 1px solid var(--line); }
tr.removed td.side-base, tr.changed td.side-base { background: var(--del); }
tr.added td.side-diff, tr.changed td.side-diff { background: var(--add); }
tr.relabelled td:not(.no) { background: var(--moved); }
td.side-base del { background: var(--del-strong); text-decoration: none; }
td.side-diff ins { background: var(--add-strong); text-decoration: none; }
tr.fold td { background: #ddf4ff; color: #0969da; cursor: pointer; text-align: center; font-family: system-ui, sans-serif; }
tr.hidden { display: none; }
p.note { color: var(--muted); }
`;

/** Folds open on click; the method table sorts by a column on click; the filter hides non-matching methods. */
export const REPORT_SCRIPT = `
(function () {
  document.addEventListener('click', function (event) {
    var fold = event.target.closest('tr.fold');
    if (fold) {
      var id = fold.getAttribute('data-fold');
      document.querySelectorAll('tr[data-in="' + id + '"]').forEach(function (row) { row.classList.remove('hidden'); });
      fold.remove();
      return;
    }
    var th = event.target.closest('th.sortable');
    if (th) {
      var table = th.closest('table');
      var column = Array.prototype.indexOf.call(th.parentNode.children, th);
      var numeric = th.getAttribute('data-type') === 'number';
      var descending = th.getAttribute('data-order') !== 'desc';
      th.setAttribute('data-order', descending ? 'desc' : 'asc');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute('data-value') || a.cells[column].textContent;
        var y = b.cells[column].getAttribute('data-value') || b.cells[column].textContent;
        var order = numeric ? Number(x) - Number(y) : (x < y ? -1 : x > y ? 1 : 0);
        return descending ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
  });
  var filter = document.getElementById('filter');
  if (filter) {
    filter.addEventListener('input', function () {
      var text = filter.value.toLowerCase();
      document.querySelectorAll('[data-method]').forEach(function (element) {
        var match = element.getAttribute('data-method').toLowerCase().indexOf(text) >= 0;
        element.style.display = match ? '' : 'none';
      });
    });
  }
  // Marks the page as scripted: a headless browser test checks that the script ran under the page's CSP.
  document.body.setAttribute('data-ready', 'yes');
})();
`;
