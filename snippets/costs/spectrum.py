"""(e) The cost spectrum, from training a model to prompting one."""

from dataclasses import replace

from fieldguide.economics.cost import index_cost, usd, usd_short
from fieldguide.content.data import catalog
from fieldguide.economics import compare, model, retrieval_build, standard, standard_rows
from fieldguide.economics.tables import as_of_line, cites, inputs_line, markdown_table

cat = catalog()
prices = cat.prices
facts = {f.id: f for f in prices.facts}
s = prices.standard
base = standard(prices)
rows_by_key = {r.key: r for r in standard_rows(prices)}
open_route = compare(prices, base)
hosted = compare(prices, replace(base, route="openai-hosted"))
embedder = model(prices, "text-embedding-3-small")
CORPUS_TOKENS = 10_000_000  # a mid-sized document collection


def program(result) -> str:
    t = result.tuning
    return f"{usd(t.one_off)}: {usd(t.curation)} of curation and a {usd(t.run)} first run with its evaluation"


gpt4 = facts["gpt-4-training-compute"]
ultra = facts["gemini-ultra-training-compute"]
altman = facts["gpt-4-altman-question"]
rows = [
    ["Training from scratch (frontier scale)",
     f"about {usd_short(gpt4.value)} (GPT-4) to {usd_short(ultra.value)} (Gemini Ultra), compute only",
     "staff, data, evaluation and serving on top",
     f"Estimate {cites([gpt4.source])}. The often-quoted \"over {usd_short(altman.value)}\" was a remark about "
     f"total cost, not a compute figure {cites([altman.source])}."],
    [f"LoRA on an open-weight model ({model(prices, open_route.route.base).name})",
     program(open_route),
     f"{usd(open_route.tuning.recurring_per_year)} a year of re-runs, and {usd(open_route.tuned.fixed_month)} a month "
     f"for a dedicated GPU",
     f"Computed from a GPU's hourly price {cites(['together-dedicated-endpoints'])} and the assumptions below."],
    [f"Hosted fine-tuning, {model(prices, hosted.route.base).name} (closing)",
     program(hosted),
     f"a per-token premium on every call, until the model shuts down on "
     f"{hosted.route.serves_until.day} {hosted.route.serves_until:%B %Y}",
     f"Computed from the training price {cites(['openai-pricing'])}; no new jobs after 6 January 2027 "
     f"{cites(['openai-fine-tuning-wind-down'])}."],
    ["Retrieval (RAG)",
     f"{usd(retrieval_build(prices))} of engineering to build it, and {usd(index_cost(embedder, CORPUS_TOKENS))} to "
     f"embed {CORPUS_TOKENS:,} tokens of documents",
     f"{usd(rows_by_key['retrieval'].month)} a month at {s.calls_per_day:,} calls a day, plus running the search service",
     f"Computed from list prices {cites([embedder.source, 'openai-gpt-6-2-sol'])}; the build is an assumption below."],
    ["Prompting",
     "staff time to write the prompt and an evaluation set",
     f"{usd(rows_by_key['flagship-cached'].month)} a month on {model(prices, s.flagship).name} with caching, "
     f"{usd(rows_by_key['small-cached'].month)} on {model(prices, s.small).name}",
     f"Computed from list prices {cites(['openai-gpt-6-2-sol', 'openai-gpt-6-luna'])}."],
]
print(inputs_line({
    "tuning program": f"{open_route.plan.examples:,} examples at {open_route.plan.minutes_per_example} expert minutes "
                      f"each, {open_route.plan.reruns_per_year} re-runs a year, each evaluated",
    "monthly rows": f"the standard task at {s.calls_per_day:,} calls a day",
}))
print()
print(markdown_table(["Approach", "Before the first answer", "After it", "Basis"], rows))
print()
print(as_of_line([model(prices, s.flagship), model(prices, s.small), embedder],
                 "Training figures are estimates of their time; read them as orders of magnitude."))
