"""(g) Pricing levers: what changes the bill besides the model, each priced on the standard task."""

from dataclasses import replace

from fieldguide.economics.cost import monthly, usd
from fieldguide.content.data import catalog
from fieldguide.economics import assumption, model, standard
from fieldguide.economics.tables import as_of_line, cites, markdown_table

prices = catalog().prices
s = prices.standard
task = standard(prices)
flagship, small = model(prices, s.flagship), model(prices, s.small)
cached = task.shape(task.prompt_tokens)
uncached = replace(task, cached_percent=0).shape(task.prompt_tokens)
volume = s.calls_per_day
uplift = assumption(prices, "regional-processing-uplift") / 100


def month(m, shape, batch=False):
    return usd(monthly(m, shape, volume, batch))


rows = [
    ["Batch and flex tiers",
     "Work that can wait up to a day (back-office extraction, classification, summaries) runs at half price on "
     "OpenAI, Anthropic, Google and Fireworks.",
     f"{small.name}, cached: {month(small, cached)} a month, {month(small, cached, True)} in batch; "
     f"{flagship.name}: {month(flagship, cached)}, {month(flagship, cached, True)}",
     cites(['openai-gpt-6-2-sol', 'anthropic-opus-5-5', 'google-gemini-optimization', 'fireworks-pricing'])],
    ["Caching, its minimum and its lifetime",
     f"Only a repeated prefix is discounted, and only from a minimum length ({flagship.cache_min_tokens:,} tokens at "
     "OpenAI). OpenAI keeps a cache for minutes to an hour unless a longer retention is bought; Anthropic's lasts "
     "five minutes, or an hour at a dearer write. Sparse traffic pays full price.",
     f"{flagship.name}: {month(flagship, uncached)} a month uncached, {month(flagship, cached)} with "
     f"{s.cached_percent}% of each prompt cached; a tuned model's {s.tuned_prompt_tokens:,}-token prompt is too "
     "short to cache at all",
     cites(['openai-prompt-caching', 'anthropic-sonnet-5-5', 'google-gemini-caching'])],
    ["Provisioned or committed capacity",
     "A fixed hourly charge for reserved capacity instead of per-token billing: Bedrock sells it without commitment "
     "or for one or six months, and requires it to serve most custom models; Azure bills provisioned deployments "
     "by the hour. Rates are in each console.",
     "priced in the console",
     cites(['bedrock-provisioned-throughput', 'azure-fine-tuning-costs'])],
    ["From a per-token estimate to a budget line",
     "An agency budgets a year, not a token: take the monthly figure at a realistic volume, times twelve, and add "
     "headroom for growth and retries. Dedicated GPUs or provisioned capacity turn the estimate into a fixed annual "
     "figure, at the cost of a capacity ceiling.",
     f"{flagship.name}, cached: {usd(monthly(flagship, cached, volume) * 12)} a year at {volume:,} calls a day; "
     f"{small.name}: {usd(monthly(small, cached, volume) * 12)}",
     cites(['openai-gpt-6-2-sol', 'openai-gpt-6-luna'])],
    ["Regional processing",
     f"Keeping processing in a region for data residency adds {assumption(prices, 'regional-processing-uplift'):.0f}% "
     "to OpenAI's prices on the models that offer it.",
     f"{flagship.name}, cached: {usd(monthly(flagship, cached, volume) * (1 + uplift))} a month instead of "
     f"{month(flagship, cached)}",
     cites(['openai-gpt-6-luna', 'openai-gpt-6-1-terra'])],
]
print(markdown_table(["Lever", "What it does", f"On the standard task at {volume:,} calls a day", "Source"], rows))
print()
print(as_of_line([flagship, small]))
