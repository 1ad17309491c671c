// A table wider than the text column scrolls sideways inside Material's wrapper.
// Let keyboard users reach and scroll it too (axe: scrollable-region-focusable).
document$.subscribe(() => {
  for (const region of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (region.scrollWidth > region.clientWidth) {
      region.tabIndex = 0;
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", "Table, scrolls sideways");
    }
  }
});
