// Accessibility fixes to Material's markup, found by axe-core in the browser tests.
function evidenceLibraryAccessibility() {
  // The search overlay is a dialog: give it a name (aria-dialog-name).
  var search = document.querySelector(".md-search");
  if (search && !search.getAttribute("aria-label")) {
    search.setAttribute("aria-label", "Search the library");
  }
  // Code blocks may scroll sideways: let a keyboard reach them (scrollable-region-focusable).
  document.querySelectorAll("pre > code, pre").forEach(function (element) {
    element.setAttribute("tabindex", "0");
  });
}
// Material re-renders parts of the page after load; run again whenever it does.
if (typeof document$ !== "undefined") {
  document$.subscribe(evidenceLibraryAccessibility);
} else {
  evidenceLibraryAccessibility();
}
