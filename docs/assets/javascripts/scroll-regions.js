// A table wider than the text column scrolls sideways inside Material's wrapper.
// Let keyboard users reach and scroll it too (axe: scrollable-region-focusable).
// A ResizeObserver reads the sizes after the browser's own layout, instead of
// forcing an extra layout of the whole page at load.
const scrollRegions = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (target.scrollWidth > target.clientWidth && target.tabIndex < 0) {
      target.tabIndex = 0;
      target.setAttribute("role", "region");
      target.setAttribute("aria-label", "Table, scrolls sideways");
    }
  }
});
document$.subscribe(() => {
  for (const region of document.querySelectorAll(".md-typeset__scrollwrap")) {
    scrollRegions.observe(region);
  }
});
