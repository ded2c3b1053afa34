// The search page: a small, accessible interface over Pagefind's API. Everything comes from this
// site: pagefind.js, its WebAssembly and only the index chunks a query needs. The query and the
// filters live in the address (?q=…&Land=…), so a search can be bookmarked and shared.
(function () {
  "use strict";
  var FILTERS = ["Land", "Art", "Handlungsfeld", "Stand"];
  var PAGE = 10;
  var form, input, status, list, more, pagefind;
  // This site's own index, when it is large, comes in parts of whole Länder or of one Land
  // (searchshards.py): [{pfad, laender, seiten}]. A bundle is merged in when a search first needs it, so
  // a search limited to a Land loads only that Land's parts. The main bundle (pagefind/) holds only
  // pages outside the agendas, which carry no filters: a search with a filter skips it.
  // A search over all Länder starts with the smallest part and searches further parts only when the
  // reader asks for more results than it has (or it has less than a page, or only stand-ins, see
  // holdsQuery): at the scale of all municipalities every part costs 100-150 KB for a common word,
  // and all of them some 2.5 MB.
  var parts = [], bundles = {}, base;
  // The current search: its query, filters, the results not yet shown, the parts still to search.
  var current = null;

  function plan(filters) {
    var land = filters.Land && filters.Land[0];
    var mine = parts.filter(function (part) { return !land || part.laender.indexOf(land) !== -1; });
    if (!mine.length) return { now: ["pagefind/"], later: [] };
    var now = Object.keys(filters).length ? [] : ["pagefind/"];
    if (land) return { now: now.concat(paths(mine)), later: [] };
    var searched = mine.filter(function (part) { return bundles[part.pfad]; });
    var rest = mine.filter(function (part) { return !bundles[part.pfad]; })
      .sort(function (a, b) { return a.seiten - b.seiten; });
    if (!searched.length) searched = rest.splice(0, 1);
    return { now: now.concat(paths(searched)), later: rest };
  }

  function paths(list) {
    return list.map(function (part) { return part.pfad; });
  }

  function load(bundlePaths) {
    return Promise.all(bundlePaths.map(function (path) {
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

  // Results of the bundles searched so far, best first. A search after more parts are merged in
  // returns the shown ones again; they are told apart by address (Pagefind's ids are short hashes
  // that may repeat between bundles) when the next page is taken.
  function search(state) {
    return pagefind.search(state.query, { filters: state.filters }).then(function (found) {
      state.found = found.results;
      state.next = 0;
    });
  }

  function waiting(state) {
    return state.found.length - state.shown;
  }

  // Merge the next parts, twice as many as the last time, and search again.
  function searchNext(state) {
    var batch = state.later.splice(0, state.step);
    state.step *= 2;
    return load(paths(batch)).then(function () { return search(state); });
  }

  // Search further parts until a page of results is waiting.
  function widen(state) {
    if (waiting(state) >= PAGE || !state.later.length || state !== current) return Promise.resolve();
    return searchNext(state).then(function () { return widen(state); });
  }

  // The next page of results not shown yet (their data: title, address, excerpts).
  function nextPage(state, page) {
    if (page.length >= PAGE || state.next >= state.found.length) return Promise.resolve(page);
    var batch = state.found.slice(state.next, state.next + PAGE - page.length);
    state.next += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (items) {
      items.forEach(function (data) {
        if (state.urls[data.url]) return;
        state.urls[data.url] = true;
        state.shown += 1;
        page.push(data);
      });
      return nextPage(state, page);
    });
  }

  function names(laender) {
    return laender.length < 2 ? laender.join("") : laender.slice(0, -1).join(", ") + " und " + laender[laender.length - 1];
  }

  // The status line: how many results, and while parts are left, where the search has looked so far.
  function describe(state) {
    var total = state.found.length;
    var text = (total === 1 ? "1 Treffer" : total.toLocaleString("de-DE") + " Treffer") + " für „" + state.query + "“";
    if (!state.later.length) return text;
    var open = [], done = [], partly = [];
    state.later.forEach(function (part) {
      part.laender.forEach(function (land) { if (open.indexOf(land) === -1) open.push(land); });
    });
    parts.forEach(function (part) {
      if (!bundles[part.pfad]) return;
      part.laender.forEach(function (land) {
        var into = open.indexOf(land) === -1 ? done : partly;
        if (into.indexOf(land) === -1) into.push(land);
      });
    });
    var searched = done.concat(partly.map(function (land) { return "ein Teil von " + land; }));
    return text + ", bisher durchsucht: " + names(searched) + ". „Weitere Treffer“ sucht weiter in "
      + (open.length <= 3 ? names(open) : open.length + " Ländern") + " – oder wählen Sie ein Land.";
  }

  // Whether a result holds the query's words themselves. Where a bundle has no word that begins
  // with a query word, Pagefind matches the longest word the query word begins with instead:
  // "Moor" for "Moortal", "15" for a municipality's key. Such stand-ins are no answer while parts
  // not searched yet may hold the word. A marked word counts if it begins like the query word (all
  // but its last two letters, which the German stemmer may have cut off), or a part of it does.
  function fold(word) {
    return word.toLowerCase().replace(/ß/g, "ss").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function queryStarts(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(function (word) {
      return word.slice(0, Math.max(3, word.length - 2));
    });
  }

  function holdsQuery(data, starts) {
    var text = [data.excerpt || ""].concat((data.sub_results || []).map(function (sub) { return sub.excerpt || ""; }));
    return (text.join(" ").match(/<mark>[^<]*<\/mark>/g) || []).some(function (mark) {
      // a compound such as "Probe-Wiesenwinkel" is marked whole, Pagefind also indexes its parts
      return fold(mark.slice(6, -7)).split(/[^\p{L}\p{N}]+/u).some(function (word) {
        return starts.some(function (start) { return word.indexOf(start) === 0; });
      });
    });
  }

  // The first page of results; while it holds only stand-ins and parts are left, the next parts
  // are searched first.
  function firstPage(state) {
    return nextPage(state, []).then(function (page) {
      if (!state.later.length || state !== current
          || page.some(function (data) { return holdsQuery(data, state.starts); })) return page;
      state.shown = 0;
      state.urls = {};
      return searchNext(state).then(function () { return widen(state); }).then(function () { return firstPage(state); });
    });
  }

  function showMore() {
    var state = current;
    return widen(state).then(function () {
      if (state !== current) return [];
      return state.shown ? nextPage(state, []) : firstPage(state);
    }).then(function (page) {
      if (state !== current) return;
      status.textContent = describe(state);
      more.hidden = !waiting(state) && !state.later.length;
      page.forEach(function (data) { list.appendChild(render(data)); });
    });
  }

  function run() {
    var query = input.value.trim();
    remember();
    list.textContent = "";
    more.hidden = true;
    current = null;
    if (!query) {
      status.textContent = "";
      return;
    }
    status.textContent = "Suche läuft …";
    var filters = selected();
    var route = plan(filters);
    var state = { query: query, starts: queryStarts(query), filters: filters, later: route.later, step: 1,
      found: [], next: 0, shown: 0, urls: {} };
    current = state;
    load(route.now).then(function () {
      return search(state);
    }).then(function () {
      if (state === current) return showMore();
    }).catch(function () {
      if (state === current) status.textContent = "Die Suche konnte nicht geladen werden.";
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
    more.addEventListener("click", function () {
      showMore().catch(function () { status.textContent = "Die Suche konnte nicht geladen werden."; });
    });
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
    var primary = plan(selected()).now[0];
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
