// The reviewer's page: sort and filter the index, open one report, jump to a diagnostic.
// Everything shown comes from the page itself; nothing is fetched.
(function () {
  "use strict";
  var $ = function (selector, root) { return (root || document).querySelector(selector); };
  var views = { index: $("#index-view"), trends: $("#trends-view"), report: $("#report-view") };
  var table = $("#reports");
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var q = $("#q"), year = $("#year"), level = $("#level"), errorsOnly = $("#errors-only");
  var indexScroll = 0;

  function filter() {
    var words = q.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = words.every(function (w) { return d.search.indexOf(w) >= 0; }) &&
        (!year.value || d.year === year.value) && (!level.value || d.level === level.value) &&
        (!errorsOnly.checked || d.errors !== "0");
      row.hidden = !ok;
      shown += ok ? 1 : 0;
    });
    $("#shown").textContent = STR.shown + " " + shown + " " + STR.of + " " + rows.length;
    $("#no-match").hidden = shown > 0;
  }
  [q, year, level, errorsOnly].forEach(function (el) { el.addEventListener("input", filter); el.addEventListener("change", filter); });

  var collator = new Intl.Collator(document.documentElement.lang, { numeric: true });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    th.querySelector("button").addEventListener("click", function () {
      var descending = th.getAttribute("aria-sort") === "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var numeric = th.dataset.type === "num";
      var key = function (row) { return row.cells[column].dataset.value; };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b), order;
        if (numeric) {
          // blanks last, whatever the direction
          if (x === "" || y === "") { return (x === "") - (y === ""); }
          order = Number(x) - Number(y);
        } else {
          if (x === "" || y === "") { return (x === "") - (y === ""); }
          order = collator.compare(x, y);
        }
        if (order === 0) { order = Number(a.cells[0].dataset.value) - Number(b.cells[0].dataset.value); }
        return descending ? -order : order;
      });
      rows.forEach(function (row) { tbody.appendChild(row); });
    });
  });

  function show(name) {
    Object.keys(views).forEach(function (key) { views[key].hidden = key !== name; });
    $("#tab-index").classList.toggle("active", name === "index");
    $("#tab-trends").classList.toggle("active", name === "trends");
  }

  function openReport(number) {
    var view = views.report;
    if (view.dataset.number !== number) {
      var template = document.getElementById("tpl-" + number);
      if (!template) { return false; }
      view.replaceChildren(template.content.cloneNode(true));
      view.dataset.number = number;
    }
    return true;
  }

  function route() {
    var match = /^#r(\d+)(?:-d(\d+))?$/.exec(location.hash);
    if (match && openReport(match[1])) {
      if (!views.index.hidden) { indexScroll = window.scrollY; }
      show("report");
      var target = match[2] && document.getElementById("r" + match[1] + "-d" + match[2]);
      if (target) {
        target.scrollIntoView({ block: "center" });
        activate(target.id);
      } else {
        window.scrollTo(0, 0);
      }
    } else if (location.hash === "#trends") {
      show("trends");
      window.scrollTo(0, 0);
    } else {
      show("index");
      window.scrollTo(0, indexScroll);
    }
  }

  function activate(id) {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    var note = document.getElementById(id);
    if (note) { note.classList.add("active"); }
    views.report.querySelectorAll("mark.d").forEach(function (mark) {
      if ((" " + mark.dataset.d + " ").indexOf(" " + id + " ") >= 0) { mark.classList.add("active"); }
    });
  }

  views.report.addEventListener("change", function (event) {
    if (event.target.classList.contains("toggle-sums")) {
      views.report.classList.toggle("show-sums", event.target.checked);
    }
  });
  views.report.addEventListener("click", function (event) {
    var mark = event.target.closest("mark.d");
    if (mark) {
      var id = mark.dataset.d.split(" ")[0];
      var note = document.getElementById(id);
      if (note) { note.scrollIntoView({ block: "nearest" }); }
      activate(id);
    }
  });
  window.addEventListener("hashchange", route);
  filter();
  route();
})();
