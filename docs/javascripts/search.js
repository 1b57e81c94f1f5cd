// Search on Pagefind's JavaScript API (site/pagefind/pagefind.js), which reads the chunked index,
// with its filters, metadata and sort keys (see scripts/evidence_library/publish/search_facets.py).
//
// * The header's box shows the first results in a panel under it as the reader types, on every
//   page; Enter, or "All results", opens the search page with the query.
// * The search page (docs/search.md) shows every result, the filters with their counts, a sort
//   and a "since" year; the query, filters, sort and year live in the address
//   (?q=…&theme=…&year=…&since=…&sort=…), so a search can be shared, and are restored from it.
// * Counts are announced through role="status" regions; everything works from the keyboard.
(function () {
  "use strict";

  var FILTERS = [
    ["kind", "Kind of page"],
    ["theme", "Theme"],
    ["organisation", "Organisation"],
    ["body", "Consulting body"],
    ["year", "Year"],
    ["type", "Type of work"],
    ["cited", "Cited organisation"],
  ];
  var PANEL_RESULTS = 6;
  var PAGE_RESULTS = 20;
  var LONG_LIST = 12; // filters with more values than this start folded

  var form = document.querySelector(".md-header__search-form");
  if (!form || form.dataset.evidenceSearch) {
    return;
  }
  form.dataset.evidenceSearch = "on";
  var bundle = new URL(form.dataset.pagefind, document.baseURI).href;
  var siteRoot = new URL(form.dataset.root, document.baseURI).pathname;
  var loading = null;

  function pagefind() {
    if (!loading) {
      loading = import(bundle + "pagefind.js").then(function (module) {
        return module.options({ baseUrl: siteRoot, excerptLength: 24 }).then(function () {
          return module.init();
        }).then(function () {
          return module;
        });
      });
    }
    return loading;
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function plural(count, noun) {
    return count + " " + noun + (count === 1 ? "" : "s");
  }

  // One result as a list item: its title as a link, what it is, and an excerpt with the words marked.
  function resultItem(data) {
    var item = element("li", { class: "evidence-result" });
    var link = element("a", { href: data.url, class: "evidence-result__link" }, data.meta.title || data.url);
    item.appendChild(link);
    var about = [data.meta.kind, data.meta.date].filter(Boolean).join(" · ");
    if (about) {
      item.appendChild(element("span", { class: "evidence-result__kind" }, about));
    }
    if (data.excerpt) {
      var excerpt = element("p", { class: "evidence-result__excerpt" });
      excerpt.innerHTML = data.excerpt; // Pagefind's excerpt of our own escaped page text, words in <mark>
      item.appendChild(excerpt);
    }
    return item;
  }

  function searchPageUrl(query) {
    var target = new URL(form.getAttribute("action"), document.baseURI);
    if (query) {
      target.searchParams.set("q", query);
    }
    return target.href;
  }

  // ---- the header's panel -------------------------------------------------------------------

  var input = document.getElementById("evidence-search");
  var panel = element("div", { id: "evidence-search-panel", class: "evidence-search-panel", hidden: "" });
  var panelCount = element("p", { class: "evidence-search-panel__count" });
  var panelList = element("ol", { class: "evidence-search-panel__results", "aria-label": "First results" });
  var panelAll = element("a", { class: "evidence-search-panel__all", href: searchPageUrl("") }, "All results");
  var announcer = element("p", { class: "evidence-visually-hidden", role: "status", id: "evidence-search-status" });
  panel.appendChild(panelCount);
  panel.appendChild(panelList);
  panel.appendChild(panelAll);
  form.appendChild(panel);
  form.appendChild(announcer);
  var panelTurn = 0;

  function closePanel() {
    panel.hidden = true;
  }

  function showPanel(query) {
    var turn = ++panelTurn;
    if (query.trim().length < 2) {
      closePanel();
      announcer.textContent = "";
      return;
    }
    pagefind().then(function (module) {
      return module.search(query);
    }).then(function (search) {
      if (turn !== panelTurn || !search) {
        return null;
      }
      return Promise.all(search.results.slice(0, PANEL_RESULTS).map(function (r) { return r.data(); }))
        .then(function (data) {
          if (turn !== panelTurn) {
            return;
          }
          var count = plural(search.results.length, "result") + " for “" + query + "”";
          panelCount.textContent = count;
          announcer.textContent = count;
          panelList.replaceChildren.apply(panelList, data.map(resultItem));
          panelAll.href = searchPageUrl(query);
          panelAll.textContent = "All " + plural(search.results.length, "result") + " on the search page";
          panel.hidden = false;
        });
    }).catch(function () {
      announcer.textContent = "Search is not available here";
    });
  }

  var typing = null;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () { showPanel(input.value); }, 200);
  });

  function panelLinks() {
    return Array.prototype.slice.call(panel.querySelectorAll("a"));
  }

  form.addEventListener("keydown", function (event) {
    var links = panelLinks();
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      closePanel();
      input.focus();
    } else if (event.key === "ArrowDown" && !panel.hidden && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) {
      closePanel();
    }
  });

  // ---- the search page --------------------------------------------------------------------

  var page = document.getElementById("evidence-search-page");
  if (!page) {
    return;
  }
  var query = document.getElementById("evidence-search-query");
  var sort = document.getElementById("evidence-search-sort");
  var since = document.getElementById("evidence-search-since");
  var filterBox = document.getElementById("evidence-search-filters");
  var count = document.getElementById("evidence-search-count");
  var list = document.getElementById("evidence-search-results");
  var more = document.getElementById("evidence-search-more");
  var allValues = {}; // filter -> {value: pages}, over the whole library
  var shown = [];
  var shownCount = 0;
  var pageTurn = 0;

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    query.value = params.get("q") || "";
    sort.value = params.get("sort") || "";
    since.value = params.get("since") || "";
    filterBox.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
      var fold = box.closest("details");
      if (box.checked && fold) {
        fold.open = true;
      }
    });
  }

  function chosen() {
    var values = {};
    filterBox.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (values[box.name] = values[box.name] || []).push(box.value);
    });
    return values;
  }

  function writeAddress() {
    var params = new URLSearchParams();
    if (query.value) { params.set("q", query.value); }
    var values = chosen();
    FILTERS.forEach(function (filter) {
      (values[filter[0]] || []).forEach(function (value) { params.append(filter[0], value); });
    });
    if (since.value) { params.set("since", since.value); }
    if (sort.value) { params.set("sort", sort.value); }
    var text = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (text ? "?" + text : ""));
  }

  // The filters Pagefind applies: any of the values ticked within a filter, every filter at once;
  // "since" keeps the years from then on (of those ticked, if any are).
  function pagefindFilters() {
    var filters = {};
    var values = chosen();
    Object.keys(values).forEach(function (name) { filters[name] = { any: values[name] }; });
    if (since.value) {
      var years = Object.keys(allValues.year || {}).filter(function (year) {
        return year >= since.value && (!values.year || values.year.indexOf(year) >= 0);
      });
      filters.year = { any: years.length ? years : ["none"] };
    }
    return filters;
  }

  function buildFilters() {
    FILTERS.forEach(function (filter) {
      var values = Object.keys(allValues[filter[0]] || {}).sort();
      if (!values.length) {
        return;
      }
      if (filter[0] === "year") { values.reverse(); }
      var group = element("fieldset", { class: "evidence-search__filter" });
      group.appendChild(element("legend", {}, filter[1]));
      values.forEach(function (value, index) {
        var id = "evidence-filter-" + filter[0] + "-" + index;
        var row = element("div", { class: "evidence-search__option" });
        row.appendChild(element("input", { type: "checkbox", id: id, name: filter[0], value: value }));
        var label = element("label", { for: id });
        label.appendChild(document.createTextNode(value + " "));
        label.appendChild(element("span", { class: "evidence-search__option-count", "data-count": "" }, ""));
        row.appendChild(label);
        group.appendChild(row);
      });
      if (values.length > LONG_LIST) { // a long list folds away under its name
        var fold = element("details", { class: "evidence-search__fold" });
        fold.appendChild(element("summary", {}, filter[1] + " (" + values.length + ")"));
        fold.appendChild(group);
        filterBox.appendChild(fold);
      } else {
        filterBox.appendChild(group);
      }
    });
    // "since" offers every year from the first to the last, gaps included
    var years = Object.keys(allValues.year || {}).map(Number).filter(Boolean);
    for (var year = Math.max.apply(null, years); years.length && year >= Math.min.apply(null, years); year--) {
      since.appendChild(element("option", { value: String(year) }, String(year)));
    }
  }

  function showCounts(counts) {
    filterBox.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var found = (counts[box.name] || {})[box.value] || 0;
      box.parentNode.querySelector("[data-count]").textContent = "(" + found + ")";
    });
  }

  function describe(total) {
    var words = plural(total, "result");
    if (query.value) { words += " for “" + query.value + "”"; }
    var values = chosen();
    var narrowed = Object.keys(values).map(function (name) { return values[name].join(" or "); });
    if (since.value) { narrowed.push("since " + since.value); }
    return narrowed.length ? words + ", narrowed to " + narrowed.join("; ") : words;
  }

  function showMore() {
    var next = shown.slice(shownCount, shownCount + PAGE_RESULTS);
    shownCount += next.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      data.forEach(function (d) { list.appendChild(resultItem(d)); });
      more.hidden = shownCount >= shown.length;
    });
  }

  function run() {
    var turn = ++pageTurn;
    writeAddress();
    var filters = pagefindFilters();
    if (!query.value.trim() && !Object.keys(filters).length) {
      shown = [];
      list.replaceChildren();
      more.hidden = true;
      count.textContent = "Type words to search, or choose a filter to list its pages.";
      showCounts(allValues);
      return Promise.resolve();
    }
    var options = { filters: filters };
    if (sort.value) {
      options.sort = { date: sort.value === "oldest" ? "asc" : "desc" };
    }
    return pagefind().then(function (module) {
      return module.search(query.value.trim() || null, options);
    }).then(function (search) {
      if (turn !== pageTurn || !search) {
        return;
      }
      shown = search.results;
      shownCount = 0;
      list.replaceChildren();
      showCounts(search.filters || {});
      count.textContent = describe(shown.length);
      return showMore();
    });
  }

  var pageTyping = null;
  query.addEventListener("input", function () {
    clearTimeout(pageTyping);
    pageTyping = setTimeout(run, 200);
  });
  page.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  [sort, since, filterBox].forEach(function (control) {
    control.addEventListener("change", run);
  });
  more.addEventListener("click", showMore);

  pagefind().then(function (module) {
    return module.filters();
  }).then(function (values) {
    allValues = values || {};
    buildFilters();
    readAddress();
    input.value = query.value;
    return run();
  }).catch(function () {
    count.textContent = "Search is not available: the site was built without its index (run `evidence-library build`).";
  });
})();
