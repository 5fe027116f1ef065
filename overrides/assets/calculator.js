/* Field Guide: the cost calculator on the economics page.
   The same arithmetic as fieldguide.economics.compare, done with exact rational numbers
   (BigInt numerator and denominator), never binary floating point, so every figure matches
   the build-time tables to the cent. The browser test holds the two to the same strings. */
(function () {
  "use strict";
  var B = BigInt;
  var ZERO = B(0), ONE = B(1), TEN = B(10);

  // --- exact rationals ------------------------------------------------------------------
  function gcd(a, b) { a = a < ZERO ? -a : a; b = b < ZERO ? -b : b; while (b) { var t = a % b; a = b; b = t; } return a; }
  function Q(n, d) {
    n = B(n); d = d === undefined ? ONE : B(d);
    if (d < ZERO) { n = -n; d = -d; }
    var g = gcd(n, d) || ONE;
    return { n: n / g, d: d / g };
  }
  function dec(text) {
    // "0.075" -> 75/1000, exactly.
    var match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text));
    if (!match) throw new Error("not a decimal: " + text);
    var frac = match[3] || "";
    var n = B(match[2] + frac) * (match[1] ? -ONE : ONE);
    return Q(n, TEN ** B(frac.length));
  }
  function add(a, b) { return Q(a.n * b.d + b.n * a.d, a.d * b.d); }
  function sub(a, b) { return Q(a.n * b.d - b.n * a.d, a.d * b.d); }
  function mul(a, b) { return Q(a.n * b.n, a.d * b.d); }
  function div(a, b) { return Q(a.n * b.d, a.d * b.n); }
  function cmp(a, b) { var x = a.n * b.d, y = b.n * a.d; return x < y ? -1 : (x > y ? 1 : 0); }
  function floor(a) { var q = a.n / a.d; if (a.n < ZERO && q * a.d !== a.n) q -= ONE; return q; }
  function ceil(a) { return -floor(Q(-a.n, a.d)); }
  function maxQ(a, b) { return cmp(a, b) >= 0 ? a : b; }
  var MILLION = Q(1000000);

  function grouped(n) { return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  function usd(amount, places) {
    // Round half up (away from zero) to `places` decimals, as fieldguide.economics.cost.usd does.
    var scale = TEN ** B(places);
    var neg = amount.n < ZERO;
    var abs = Q(neg ? -amount.n : amount.n, amount.d);
    var rounded = floor(add(mul(abs, Q(scale)), Q(1, 2)));
    var whole = rounded / scale, part = rounded % scale;
    var text = "$" + grouped(whole) + (places ? "." + part.toString().padStart(places, "0") : "");
    return (neg && rounded !== ZERO) ? "-" + text : text;
  }

  // --- the cost model ----------------------------------------------------------------------
  function price(text) { return text === null || text === undefined ? null : dec(text); }

  function rates(model, inputTokens, batch) {
    var tier = (model.long_context && inputTokens > model.long_context.above) ? model.long_context : null;
    var src = tier || model;
    var input = dec(src.input);
    var cached = price(src.cached_input) || input;
    var write = price(src.cache_write) || input;
    var output = dec(src.output);
    var factor = (batch && model.batch_discount !== null) ? sub(Q(1), dec(model.batch_discount)) : Q(1);
    return { input: mul(input, factor), cached: mul(cached, factor), write: mul(write, factor), output: mul(output, factor) };
  }

  function caches(model, shape) {
    return shape.percent > 0 && model.cached_input !== null && model.cache_min_tokens !== null &&
      shape.system >= model.cache_min_tokens;
  }

  function perCall(model, shape, batch) {
    var r = rates(model, shape.system + shape.user, batch);
    var prefix;
    if (caches(model, shape)) {
      var cachedTokens = Q(B(shape.system) * B(shape.percent), 100);
      prefix = add(mul(cachedTokens, r.cached), mul(sub(Q(shape.system), cachedTokens), r.write));
    } else {
      prefix = mul(Q(shape.system), r.input);
    }
    var total = add(add(prefix, mul(Q(shape.user), r.input)), mul(Q(shape.output), r.output));
    return div(total, MILLION);
  }

  function monthAt(call, calls, days) { return mul(mul(call, Q(calls)), Q(days)); }

  function gpusNeeded(calls, perGpu, minimum) {
    var needed = Number((B(calls) + B(perGpu) - ONE) / B(perGpu));
    return Math.max(minimum, needed);
  }

  function breakEven(promptedCall, tunedCall, fixed, days, gpu) {
    // fieldguide.economics.cost.break_even_calls_per_day, step for step.
    var d = mul(Q(days), sub(promptedCall, tunedCall));
    if (cmp(d, Q(0)) <= 0) return null;
    if (!gpu || cmp(gpu.month, Q(0)) === 0) return maxQ(Q(0), Q(ceil(div(fixed, d)))).n;
    var m = gpu.month, c = B(gpu.perGpu), minG = B(gpu.minimum);
    var slope = sub(mul(d, Q(c)), m);
    var firstOpen = minG + ONE, g0;
    if (cmp(slope, Q(0)) < 0) return null;
    if (cmp(slope, Q(0)) === 0) {
      var gap = sub(sub(mul(d, Q(minG * c + ONE)), mul(Q(firstOpen), m)), fixed);
      if (cmp(gap, Q(0)) < 0) return null;
      g0 = firstOpen;
    } else {
      g0 = ceil(div(add(sub(mul(d, Q(c)), d), fixed), slope));
      if (g0 < firstOpen) g0 = firstOpen;
    }
    var g = g0 - ONE;
    var gpus = g > minG ? g : minG;
    var segStart = g <= minG ? ZERO : (g - ONE) * c + ONE;
    var segEnd = gpus * c;
    var crossing = ceil(div(add(mul(Q(gpus), m), fixed), d));
    if (crossing <= segEnd) return crossing > segStart ? crossing : segStart;
    return (g0 - ONE) * c + ONE;
  }

  function compute(data, v) {
    var byId = {}, routes = {};
    data.models.forEach(function (m) { byId[m.id] = m; });
    data.routes.forEach(function (r) { routes[r.id] = r; });
    var route = routes[v.route];
    var prompted = byId[v.prompted], small = byId[route.base];
    var days = data.days_per_month, months = Q(data.months_per_year);
    var calls = v.calls_per_day;
    var full = { system: v.prompt_tokens, user: v.user_tokens, output: v.output_tokens, percent: v.cached_percent };
    var short = { system: v.tuned_prompt_tokens, user: v.user_tokens, output: v.output_tokens, percent: v.cached_percent };
    var plan = v.plan, serving = data.serving;

    // The tuning program, exactly as fieldguide.economics.tuning.TuningPlan and tuning_cost.
    var rate = dec(plan.hourly_rate);
    var curationHours = Q(B(plan.examples) * B(plan.minutes_per_example), 60);
    var curation = mul(curationHours, rate);
    var evaluation = mul(Q(plan.eval_hours_per_run), rate);
    var compute;
    if (route.training === "per-token") {
      var trainingTokens = B(plan.examples) * B(plan.tokens_per_example) * B(plan.epochs);
      compute = div(mul(Q(trainingTokens), dec(byId[route.tuned].training)), MILLION);
    } else {
      compute = mul(dec(serving.gpu_hour), dec(serving.lora_run_gpu_hours));
    }
    var run = add(compute, evaluation);
    var oneOff = add(curation, run);
    var reruns = mul(run, Q(plan.reruns_per_year));
    var firstYear = add(oneOff, reruns);
    var programMonth = div(firstYear, months);
    var weeks = ceil(div(curationHours, Q(data.plan.expert_hours_per_week))) + B(data.plan.weeks_per_run);

    var pCall = perCall(prompted, full, v.batch);
    var sCall = perCall(small, full, v.batch);
    var hCall = perCall(small, short, v.batch);
    var pMonth = monthAt(pCall, calls, days), sMonth = monthAt(sCall, calls, days), hMonth = monthAt(hCall, calls, days);
    var tCall, servingMonth, gpu = null;
    if (route.serving === "per-token") {
      tCall = perCall(byId[route.tuned], short, v.batch);
      servingMonth = monthAt(tCall, calls, days);
    } else {
      tCall = Q(0);
      var gpus = gpusNeeded(calls, serving.calls_per_gpu_day, serving.min_gpus);
      var gpuMonth = mul(dec(serving.gpu_hour), Q(24 * days));
      servingMonth = mul(gpuMonth, Q(gpus));
      gpu = { month: gpuMonth, perGpu: serving.calls_per_gpu_day, minimum: serving.min_gpus };
    }
    var tMonth = add(servingMonth, programMonth);
    var tunedCall;
    if (route.serving === "per-token") tunedCall = usd(tCall, data.call_places);
    else tunedCall = calls === 0 ? data.no_volume : usd(div(servingMonth, Q(calls * days)), data.call_places);
    var even = breakEven(pCall, tCall, programMonth, days, gpu);
    var evenSmall = breakEven(sCall, tCall, programMonth, days, gpu);

    var notes = [];
    if (route.status === "legacy") notes.push(route.name + " is closing: its tuned models stop answering on " + route.serves_until + ".");
    [[prompted, full], [small, full]].forEach(function (pair) {
      var m = pair[0];
      if (v.cached_percent && m.cached_input !== null && !caches(m, pair[1])) {
        notes.push(m.name + " caches only prompts of " + grouped(m.cache_min_tokens) + " tokens or more, so this prompt is not cached.");
      }
    });
    var checked = [[prompted, full], [small, full]];
    if (route.serving === "per-token") checked.push([byId[route.tuned], short]);
    checked.forEach(function (pair) {
      var m = pair[0], s = pair[1], total = s.system + s.user + s.output;
      if (m.context_window !== null && total > m.context_window) {
        notes.push(m.name + " holds " + grouped(m.context_window) + " tokens; this call needs " + grouped(total) + ".");
      }
    });
    var unique = notes.filter(function (note, i) { return notes.indexOf(note) === i; });

    function volume(n) { return n === null ? data.never : grouped(n) + " calls a day"; }
    var P = data.call_places;
    return {
      "small-name": small.label,
      "prompted-call": usd(pCall, P),
      "small-call": usd(sCall, P),
      "tuned-call": tunedCall,
      "prompted-month": usd(pMonth, 2),
      "small-month": usd(sMonth, 2),
      "tuned-month": usd(tMonth, 2),
      "prompted-year": usd(mul(pMonth, months), 2),
      "small-year": usd(mul(sMonth, months), 2),
      "tuned-year": usd(mul(tMonth, months), 2),
      "break-even": volume(even),
      "break-even-small": volume(evenSmall),
      "saving-downsizing": usd(sub(pMonth, sMonth), 2),
      "saving-shortening": usd(sub(sMonth, hMonth), 2),
      "serving-premium": usd(sub(servingMonth, hMonth), 2),
      "program-month": usd(programMonth, 2),
      "tuning-one-off": usd(oneOff, 2),
      "tuning-reruns": usd(reruns, 2),
      "tuning-first-year": usd(firstYear, 2),
      "tuning-weeks": weeks.toString(),
      "notes": unique.join(" ")
    };
  }

  // --- the form ----------------------------------------------------------------------------
  var WHOLE = ["calls_per_day", "prompt_tokens", "tuned_prompt_tokens", "user_tokens", "output_tokens", "cached_percent"];
  var PLAN = ["examples", "tokens_per_example", "epochs", "minutes_per_example", "hourly_rate", "eval_hours_per_run", "reruns_per_year"];
  var DECIMAL = { hourly_rate: true };

  function readForm(form) {
    var values = { prompted: form.elements.prompted.value, route: form.elements.route.value,
                   batch: form.elements.batch.checked, plan: {} };
    var problems = [];
    WHOLE.concat(PLAN).forEach(function (name) {
      var field = form.elements[name];
      var text = field.value.trim();
      var max = Number(field.max);
      var pattern = DECIMAL[name] ? /^\d+(?:\.\d{1,2})?$/ : /^\d+$/;
      var ok = pattern.test(text) && Number(text) <= max;
      field.setAttribute("aria-invalid", String(!ok));
      if (!ok) {
        var label = form.querySelector('label[for="' + field.id + '"]').textContent;
        var kind = DECIMAL[name] ? "an amount with at most two decimals" : "a whole number";
        problems.push(label + " must be " + kind + " from 0 to " + max.toLocaleString("en-US") + ".");
      } else if (PLAN.indexOf(name) >= 0) {
        values.plan[name] = DECIMAL[name] ? text : Number(text);
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
    form.hidden = false;
    results.hidden = false;

    function update() {
      var read = readForm(form);
      error.hidden = read.problems.length === 0;
      error.textContent = read.problems.join(" ");
      root.classList.toggle("fg-calc--invalid", read.problems.length > 0);
      if (read.problems.length) return;
      var out = compute(data, read.values);
      Object.keys(out).forEach(function (key) {
        root.querySelectorAll('[data-out="' + key + '"]').forEach(function (el) { el.textContent = out[key]; });
      });
      warning.hidden = out.notes === "";
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
