// The header's light/dark/system toggle (overrides/partials/palette.html).
// It keeps Material's stored choice (`__palette`, applied by Material's inline
// script in <head> before the page is drawn), so it touches the page at load only
// on a first visit whose system preference differs from the default palette.
// A click shows the next option's label and applies its colours.
(() => {
  const form = document.querySelector("form[data-palette-toggle]");
  if (!form) return;
  const inputs = [...form.querySelectorAll("input.md-option")];
  const light = matchMedia("(prefers-color-scheme: light)");
  const keys = ["scheme", "primary", "accent"];

  function colours(input) {
    let source = input;
    if (input.dataset.mdColorMedia === "(prefers-color-scheme)") {
      const wanted = light.matches ? "light" : "dark";
      source = form.querySelector(
        `[data-md-color-media="(prefers-color-scheme: ${wanted})"]`,
      );
    }
    const colour = { media: input.dataset.mdColorMedia };
    for (const key of keys) colour[key] = source.getAttribute(`data-md-color-${key}`);
    return colour;
  }

  function select(index, { switching }) {
    inputs.forEach((input, i) => {
      input.checked = i === index;
      const label = input.nextElementSibling;
      if (label instanceof HTMLLabelElement) label.hidden = i !== index;
    });
    const colour = colours(inputs[index]);
    const body = document.body;
    const changed = keys.filter(
      (key) => body.getAttribute(`data-md-color-${key}`) !== colour[key],
    );
    if (changed.length && switching) body.setAttribute("data-md-color-switching", "");
    for (const key of changed) body.setAttribute(`data-md-color-${key}`, colour[key]);
    if (switching) {
      __md_set("__palette", { index, color: colour });
      requestAnimationFrame(() => body.removeAttribute("data-md-color-switching"));
    }
  }

  const stored = __md_get("__palette");
  let current = stored && inputs[stored.index] ? stored.index : 0;
  select(current, { switching: false });
  // Stored, the choice is applied by the theme's <head> script on the next pages,
  // before they are drawn (for "system", it reads the preference there).
  if (!stored) __md_set("__palette", { index: current, color: colours(inputs[current]) });
  form.addEventListener("change", () => {
    current = Math.max(0, inputs.findIndex((input) => input.checked));
    select(current, { switching: true });
  });
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = (current + 1) % inputs.length;
    inputs[next].click();
    inputs[next].focus();
  });
  light.addEventListener("change", () => {
    if (inputs[current].dataset.mdColorMedia === "(prefers-color-scheme)") {
      select(current, { switching: true });
    }
  });
})();
