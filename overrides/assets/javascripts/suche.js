// Starts the Pagefind search on the search page. Everything is served by this site: the UI and the
// index chunks under /pagefind/. A query in the address (?q=…) is searched right away.
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("da-suche");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  var ui = new PagefindUI({
    element: "#da-suche",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    pageSize: 10,
    translations: {
      placeholder: "Agenden und Maßnahmen durchsuchen",
      zero_results: "Keine Treffer für [SEARCH_TERM]",
      filters_label: "Filter"
    }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
