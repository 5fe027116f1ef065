/* Field Guide: the cost calculator on the economics page.
   The same arithmetic as fieldguide.economics.compare, done with exact integers
   (BigInt), never binary floating point, so every figure matches the build-time tables
   to the cent. Units: prices in micro-dollars per million tokens (1e-6); call costs in
   units of 1e-14 dollars (a token times a price, times a whole-percent weight of 100). */
(function () {
  "use strict";
  var PRICE_SCALE = 6;   // decimals kept from a price string
  var UNIT_SCALE = 14;   // decimals of a cost unit: PRICE_SCALE + 6 (per million) + 2 (percent)
  var TEN = BigInt(10);

  function scaled(text, places) {
    // "0.075" -> 75000n at 6 places; exact, refuses more decimals than fit.
    var match = /^(\d+)(?:\.(\d+))?$/.exec(String(text));
    if (!match) throw new Error("not a decimal: " + text);
    var frac = (match[2] || "").replace(/0+$/, "");
    if (frac.length > places) throw new Error("too many decimals: " + text);
    return BigInt(match[1] + frac.padEnd(places, "0"));
  }

  function pow10(n) { return TEN ** BigInt(n); }

  function perCall(model, tokens, pct) {
    // tokens: {system, user, output}; pct: whole percent of the system prompt cached.
    var input = scaled(model.input, PRICE_SCALE);
    var cachedPrice = model.cached_input === null ? input : scaled(model.cached_input, PRICE_SCALE);
    var restPrice = (pct > 0 && model.cache_write !== null) ? scaled(model.cache_write, PRICE_SCALE) : input;
    var p = BigInt(pct);
    var system = BigInt(tokens.system);
    return system * p * cachedPrice
      + system * (BigInt(100) - p) * restPrice
      + BigInt(tokens.user) * BigInt(100) * input
      + BigInt(tokens.output) * BigInt(100) * scaled(model.output, PRICE_SCALE);
  }

  function usd(num, den, places) {
    // Round num/den (in cost units) to `places` decimals of a dollar, halves up.
    var unit = pow10(UNIT_SCALE);
    var q = pow10(places);
    var rounded = (BigInt(2) * num * q + den * unit) / (BigInt(2) * den * unit);
    var whole = (rounded / q).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    if (places === 0) return "$" + whole;
    var cents = (rounded % q).toString().padStart(places, "0");
    return "$" + whole + "." + cents;
  }

  function compute(data, v) {
    var byId = {};
    data.models.forEach(function (m) { byId[m.id] = m; });
    var a = byId[v.prompted], b = byId[v.tuned];
    var plan = data.plan;
    var days = BigInt(data.days_per_month), months = BigInt(data.months_per_year);
    var one = BigInt(1), zero = BigInt(0);
    var pc = perCall(a, { system: v.prompt_tokens, user: v.user_tokens, output: v.output_tokens }, v.cached_percent);
    var tc = perCall(b, { system: v.tuned_prompt_tokens, user: v.user_tokens, output: v.output_tokens }, v.cached_percent);
    // A training run: tokens x training price (micro-dollars per million) -> 1e-12 dollars; x100 -> cost units.
    var trainingTokens = BigInt(plan.examples) * BigInt(plan.tokens_per_example) * BigInt(plan.epochs);
    var run = trainingTokens * scaled(b.training, PRICE_SCALE) * BigInt(100);
    var curation = scaled(plan.curation_per_example, UNIT_SCALE) * BigInt(plan.examples);
    var oneOff = curation + run;
    var reruns = run * BigInt(plan.reruns_per_year);
    var firstYear = oneOff + reruns;
    var calls = BigInt(v.calls_per_day);
    var promptedMonth = pc * calls * days;
    // The tuned month carries a twelfth of the first year: keep it as a fraction over 12.
    var tunedMonthTwelfths = tc * calls * days * months + firstYear;
    var saving = pc - tc;
    var even = null;
    if (saving > zero) {
      var den = days * months * saving;
      even = (firstYear + den - one) / den;   // ceiling
    }
    var P = data.call_places;
    return {
      "prompted-call": usd(pc, one, P),
      "tuned-call": usd(tc, one, P),
      "prompted-month": usd(promptedMonth, one, 2),
      "tuned-month": usd(tunedMonthTwelfths, months, 2),
      "prompted-year": usd(promptedMonth * months, one, 2),
      "tuned-year": usd(tunedMonthTwelfths * months, months, 2),
      "break-even": even === null ? data.never : even.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",") + " calls a day",
      "tuning-one-off": usd(oneOff, one, 2),
      "tuning-reruns": usd(reruns, one, 2)
    };
  }

  var NUMBERS = ["calls_per_day", "prompt_tokens", "tuned_prompt_tokens", "user_tokens", "output_tokens", "cached_percent"];

  function readForm(form, data) {
    var values = { prompted: form.elements.prompted.value, tuned: form.elements.tuned.value };
    var problems = [];
    NUMBERS.forEach(function (name) {
      var field = form.elements[name];
      var text = field.value.trim();
      var max = Number(field.max);
      var ok = /^\d+$/.test(text) && Number(text) <= max;
      field.setAttribute("aria-invalid", String(!ok));
      if (!ok) {
        var label = form.querySelector('label[for="' + field.id + '"]').textContent;
        problems.push(label + " must be a whole number from 0 to " + max.toLocaleString("en-US") + ".");
      } else {
        values[name] = Number(text);
      }
    });
    return { values: values, problems: problems };
  }

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var data = JSON.parse(root.querySelector(".fg-calc-data").textContent);
    var form = root.querySelector(".fg-calc-form");
    var results = root.querySelector(".fg-calc-results");
    var error = root.querySelector(".fg-calc-error");
    var warning = root.querySelector(".fg-calc-warning");
    var byId = {};
    data.models.forEach(function (m) { byId[m.id] = m; });
    form.hidden = false;
    results.hidden = false;

    function update() {
      var read = readForm(form, data);
      error.hidden = read.problems.length === 0;
      error.textContent = read.problems.join(" ");
      root.classList.toggle("fg-calc--invalid", read.problems.length > 0);
      if (read.problems.length) return;
      var v = read.values;
      var out = compute(data, v);
      Object.keys(out).forEach(function (key) {
        root.querySelectorAll('[data-out="' + key + '"]').forEach(function (el) { el.textContent = out[key]; });
      });
      var notes = [];
      [["prompted", v.prompt_tokens], ["tuned", v.tuned_prompt_tokens]].forEach(function (pair) {
        var m = byId[v[pair[0]]];
        var total = pair[1] + v.user_tokens + v.output_tokens;
        if (m.context_window && total > m.context_window) {
          notes.push(m.name + " holds " + m.context_window.toLocaleString("en-US") + " tokens at these prices; this call needs " + total.toLocaleString("en-US") + ".");
        }
      });
      warning.hidden = notes.length === 0;
      warning.textContent = notes.join(" ");
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    update();
  }

  function init() {
    document.querySelectorAll("[data-fg-calc]").forEach(setUp);
  }
  window.fieldguideCalculator = { compute: compute };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
