/*
 * /bidra/mangler/ (macros/site/mangler.py): sort the table by municipality, county or the number of
 * missing fields. Without this script the table is in county order. Each sortable heading gets a
 * button; aria-sort on the heading says the current order, and the caption says it in words.
 * Cells carry their sort key in data-sort (county number, name, count). No storage, no requests.
 */
(function () {
  "use strict";

  var table = document.querySelector("[data-ks-sorter]");
  if (!table) return;
  var body = table.tBodies[0];
  var caption = table.caption;
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var collator = new Intl.Collator("nb", { sensitivity: "base", numeric: true });
  var original = Array.prototype.slice.call(body.rows);

  function key(row, index) {
    var cell = row.cells[index];
    return cell.getAttribute("data-sort") || cell.textContent;
  }

  function sortBy(index, kind, direction) {
    var rows = original.slice().sort(function (a, b) {
      var x = key(a, index), y = key(b, index), c;
      if (kind === "tall") c = Number(x) - Number(y);
      else c = collator.compare(x, y);
      if (c === 0) c = collator.compare(key(a, 0), key(b, 0));
      return direction === "descending" ? -c : c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    heads.forEach(function (th, i) {
      if (i === index) th.setAttribute("aria-sort", direction);
      else th.removeAttribute("aria-sort");
    });
    var name = heads[index].textContent.trim().toLowerCase();
    caption.textContent = "Caser som mangler noe, ordnet etter " + name +
      (direction === "descending" ? " (synkende)" : "");
  }

  heads.forEach(function (th, index) {
    var kind = th.getAttribute("data-ks-sorter-kolonne");
    if (!kind) return;
    var label = th.textContent;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ks-sorter";
    button.textContent = label;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var now = th.getAttribute("aria-sort");
      var dflt = kind === "tall" ? "descending" : "ascending";
      var next = now ? (now === "ascending" ? "descending" : "ascending") : dflt;
      sortBy(index, kind, next);
    });
  });
  var fylke = heads.filter(function (th) { return th.textContent.trim() === "Fylke"; })[0];
  if (fylke) fylke.setAttribute("aria-sort", "ascending");
})();
