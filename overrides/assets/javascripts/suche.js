// The search page: a small, accessible interface over Pagefind's API. Everything comes from this
// site: pagefind.js, its WebAssembly and only the index chunks a query needs. The query and the
// filters live in the address (?q=…&Land=…), so a search can be bookmarked and shared.
(function () {
  "use strict";
  var FILTERS = ["Land", "Art", "Handlungsfeld", "Stand"];
  var PAGE = 10;
  var form, input, status, list, more, pagefind, results = [], shown = 0, generation = 0;
  // This site's own index, when it is large, comes in parts of whole Länder or of one Land
  // (searchshards.py): [{pfad, laender}]. A bundle is merged in when a search first needs it, so a search
  // limited to a Land loads only that Land's parts. The main bundle (pagefind/) then holds only pages
  // outside the agendas, which carry no filters: a search with a filter cannot find anything there and
  // skips it too. The first bundle the first search needs is the one whose pagefind.js is loaded.
  var parts = [], bundles = {}, base;

  function needed(filters) {
    var land = filters.Land && filters.Land[0];
    var paths = parts.length && Object.keys(filters).length ? [] : ["pagefind/"];
    parts.forEach(function (part) { if (!land || part.laender.indexOf(land) !== -1) paths.push(part.pfad); });
    return paths.length ? paths : ["pagefind/"];
  }

  function load(filters) {
    return Promise.all(needed(filters).map(function (path) {
      if (!bundles[path]) {
        // the whole address: Pagefind skips a bundle whose path begins the primary's (pagefind/ of pagefind/teil-2/)
        bundles[path] = pagefind.mergeIndex(new URL("../" + path, window.location.href).href, { baseUrl: base });
      }
      return bundles[path];
    }));
  }

  function text(tag, content, className) {
    var element = document.createElement(tag);
    element.textContent = content;
    if (className) element.className = className;
    return element;
  }

  // Pagefind's excerpts are escaped text with <mark> around the hits; keep only that markup.
  function excerpt(html) {
    var paragraph = document.createElement("p");
    html.split(/(<mark>[^<]*<\/mark>)/).forEach(function (part) {
      var match = /^<mark>([^<]*)<\/mark>$/.exec(part);
      var template = document.createElement("textarea");
      template.innerHTML = match ? match[1] : part;  // decodes entities without running markup
      paragraph.appendChild(match ? text("mark", template.value) : document.createTextNode(template.value));
    });
    return paragraph;
  }

  function selected() {
    var chosen = {};
    FILTERS.forEach(function (name) {
      var select = document.getElementById("da-filter-" + name);
      if (select && select.value) chosen[name] = [select.value];
    });
    return chosen;
  }

  function remember() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    var chosen = selected();
    Object.keys(chosen).forEach(function (name) { params.set(name, chosen[name][0]); });
    history.replaceState(null, "", "?" + params.toString());
  }

  function render(data) {
    var item = document.createElement("li");
    var title = text("a", (data.meta && data.meta.title) || data.url);
    title.href = data.url;
    var heading = document.createElement("h2");
    heading.appendChild(title);
    item.appendChild(heading);
    var subs = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; }).slice(0, 3);
    if (!subs.length) item.appendChild(excerpt(data.excerpt || ""));
    if (subs.length) {
      var nested = document.createElement("ul");
      subs.forEach(function (sub) {
        var entry = document.createElement("li");
        var link = text("a", sub.title);
        link.href = sub.url;
        entry.appendChild(link);
        entry.appendChild(excerpt(sub.excerpt || ""));
        nested.appendChild(entry);
      });
      item.appendChild(nested);
    }
    return item;
  }

  function showMore() {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    more.hidden = shown >= results.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (items) {
      items.forEach(function (data) { list.appendChild(render(data)); });
    });
  }

  function run() {
    var query = input.value.trim();
    var mine = ++generation;
    remember();
    list.textContent = "";
    more.hidden = true;
    if (!query) {
      status.textContent = "";
      return;
    }
    status.textContent = "Suche läuft …";
    var filters = selected();
    load(filters).then(function () {
      return pagefind.search(query, { filters: filters });
    }).then(function (search) {
      if (mine !== generation) return;
      results = search.results;
      shown = 0;
      status.textContent = results.length === 1 ? "1 Treffer für „" + query + "“"
        : results.length + " Treffer für „" + query + "“";
      return showMore();
    }).catch(function () {
      if (mine === generation) status.textContent = "Die Suche konnte nicht geladen werden.";
    });
  }

  // The filter lists come with the page: loading Pagefind's filter index just to show them would
  // cost every reader bytes. A filter's index is loaded only when a search uses it.
  function restoreFilters(params) {
    FILTERS.forEach(function (name) {
      var select = document.getElementById("da-filter-" + name);
      if (select) select.value = params.get(name) || "";
    });
  }

  function listen() {
    FILTERS.forEach(function (name) {
      var select = document.getElementById("da-filter-" + name);
      if (select) select.addEventListener("change", run);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    more.addEventListener("click", showMore);
  }

  window.addEventListener("DOMContentLoaded", function () {
    form = document.getElementById("da-suche");
    if (!form) return;
    input = document.getElementById("da-suche-q");
    status = document.getElementById("da-suche-status");
    list = document.getElementById("da-suche-treffer");
    more = document.getElementById("da-suche-mehr");
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    // The site may live below a path (/bayern/); result addresses must keep it.
    base = new URL("../", window.location.href).pathname;
    // Other sites' indexes to search too (a portal split into sites per Land): "bundle base; …".
    var merged = (form.getAttribute("data-merge") || "").split(";").map(function (entry) {
      var fields = entry.trim().split(/\s+/);
      return fields[0] ? { bundle: fields[0], base: fields[1] || "/" } : null;
    }).filter(Boolean);
    parts = JSON.parse(form.getAttribute("data-teile") || "[]");
    restoreFilters(params);
    var primary = needed(selected())[0];
    bundles[primary] = Promise.resolve();
    import(new URL("../" + primary + "pagefind.js", window.location.href).toString()).then(function (module) {
      pagefind = module;
      return pagefind.options({ excerptLength: 24, baseUrl: base });
    }).then(function () {
      return Promise.all(merged.map(function (site) {
        return pagefind.mergeIndex(site.bundle, { baseUrl: site.base });
      }));
    }).then(function () {
      listen();
      run();
    }).catch(function () {
      status.textContent = "Die Suche konnte nicht geladen werden.";
    });
  });
})();
