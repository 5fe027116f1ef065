"""(c) The cost spectrum, from training a model to prompting one."""

from fieldguide.cost import TuningPlan, gpu_training_run, hosted_training_run, index_cost, monthly, tuning_cost, usd, usd_short
from fieldguide.data import catalog
from fieldguide.economics import STANDARD as S
from fieldguide.economics import assumption, model, plan
from fieldguide.cost import RequestShape
from fieldguide.tables import as_of_line, inputs_line, markdown_table

cat = catalog()
prices = cat.prices
facts = {f.id: f for f in prices.facts}
program: TuningPlan = plan(prices)
gpt41, ft41, ft41mini = model(prices, "gpt-4-1"), model(prices, "ft-gpt-4-1"), model(prices, "ft-gpt-4-1-mini")
embedder = model(prices, "text-embedding-3-small")
CORPUS_TOKENS = 10_000_000  # a mid-sized document collection

lora_run = gpu_training_run(assumption(prices, "gpu-hour"), assumption(prices, "lora-7b-hours"))
hosted_big = tuning_cost(hosted_training_run(ft41, program), program)
hosted_small = tuning_cost(hosted_training_run(ft41mini, program), program)
lora = tuning_cost(lora_run, program)
prompted = monthly(gpt41, RequestShape(S.prompt_tokens, 0, S.user_tokens, S.output_tokens), S.calls_per_day)
retrieval = monthly(gpt41, RequestShape(800, 2_000, S.user_tokens, S.output_tokens), S.calls_per_day)


def cite(source_id: str) -> str:
    return f"[@{source_id}]"


gpt4 = facts["gpt-4-training-compute"]
ultra = facts["gemini-ultra-training-compute"]
altman = facts["gpt-4-altman-question"]
rows = [
    ["Training from scratch (frontier scale)",
     f"about {usd_short(gpt4.value)} (GPT-4) to {usd_short(ultra.value)} (Gemini Ultra), compute only",
     "staff, data, evaluation and serving on top",
     f"Estimate {cite(gpt4.source)}. The often-quoted \"over {usd_short(altman.value)}\" was a remark about "
     f"total cost, not a compute figure {cite(altman.source)}."],
    ["Hosted fine-tuning, GPT-4.1",
     f"{usd(hosted_big.one_off)}: {usd(hosted_big.curation)} of curation and a {usd(hosted_big.run)} run",
     f"{usd(hosted_big.recurring_per_year)} a year of re-runs, and a per-token premium on every call",
     f"Computed from the training price {cite(ft41.source)} and the assumptions below."],
    ["Hosted fine-tuning, GPT-4.1 mini",
     f"{usd(hosted_small.one_off)}: {usd(hosted_small.curation)} of curation and a {usd(hosted_small.run)} run",
     f"{usd(hosted_small.recurring_per_year)} a year of re-runs, and a per-token premium on every call",
     f"Computed from the training price {cite(ft41mini.source)} and the assumptions below."],
    ["LoRA on an open 7B model, rented GPU",
     f"{usd(lora.one_off)}: {usd(lora.curation)} of curation and a {usd(lora.run)} run",
     f"{usd(lora.recurring_per_year)} a year of re-runs, plus hosting the model",
     "Computed from an assumed GPU rate and run length (below); one source's per-run range had no basis, so it is not used."],
    ["Retrieval (RAG)",
     f"{usd(index_cost(embedder, CORPUS_TOKENS))} to embed {CORPUS_TOKENS:,} tokens of documents, plus building the search service",
     f"{usd(retrieval)} a month at {S.calls_per_day:,} calls a day",
     f"Computed from list prices {cite(embedder.source)}; engineering not priced."],
    ["Prompting",
     "staff time to write the prompt and an evaluation set",
     f"{usd(prompted)} a month at {S.calls_per_day:,} calls a day",
     f"Computed from list prices {cite(gpt41.source)}."],
]
print(inputs_line({
    "tuning program": f"{program.examples:,} examples of {program.tokens_per_example:,} tokens, "
                      f"{program.epochs} epochs, {usd(program.curation_per_example)} to curate each, "
                      f"{program.reruns_per_year} re-runs a year",
    "per-call rows": f"the standard task ({S.prompt_tokens:,}-token prompt on {gpt41.name})",
}))
print()
print(markdown_table(["Approach", "Before the first answer", "After it", "Basis"], rows))
print()
print(as_of_line([gpt41, ft41, ft41mini, embedder], "Training figures are estimates of their time; read them as orders of magnitude."))
