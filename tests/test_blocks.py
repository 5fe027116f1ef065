"""Content blocks: parsing and the errors an author sees (fast, no build)."""

from __future__ import annotations


import pytest

from fieldguide.content import blocks, kinds
from fieldguide.content.data import catalog

CAT = catalog()


def expand(text: str, offset: int = 0):
    return blocks.expand(text, CAT, "docs/x.md", offset)


def test_a_block_expands_to_its_item_with_its_permanent_id():
    out, placed = expand("Intro\n\n/// phrase | FL-003\n///\n\nOutro")
    assert "{#FL-003}" in out and out.startswith("Intro") and out.rstrip().endswith("Outro")
    assert placed.ids == {"FL-003": 3}


def test_blocks_inside_code_fences_are_left_alone():
    text = "```text\n/// nonsense\n```\n"
    assert expand(text)[0] == text


@pytest.mark.parametrize(
    "text,message",
    [
        ("/// phrasez\n///", "docs/x.md:1: unknown block type 'phrasez'"),
        ("\n/// card\n///", "docs/x.md:2: the 'card' block needs an id"),
        ("/// traits | knowledge\n///", "docs/x.md:1: the 'traits' block takes no id"),
        ("/// phrases\n    color: red\n///", "docs/x.md:1: unknown option(s) color for 'phrases'"),
        ("/// phrases\nsome text\n///", "docs/x.md:2: a 'phrases' block takes only indented"),
        ("/// gates\n", "docs/x.md:1: the 'gates' block is never closed"),
        ("/// phrase | FL-999\n///", "docs/x.md:1: phrase block: unknown phrase 'FL-999'"),
        ("/// phrases\n    topic: weather\n///", "docs/x.md:1: phrases block: unknown topic 'weather'"),
        ("/// traits\n    only: knowledge, color\n///", "docs/x.md:1: traits block: unknown trait 'color'"),
        ("/// phrase | FL-001\n///\n/// phrase | FL-001\n///", "docs/x.md:3: duplicate id 'FL-001'"),
    ],
)
def test_authoring_mistakes_name_file_line_and_problem(text, message):
    with pytest.raises(blocks.BlockError) as err:
        expand(text)
    assert str(err.value).startswith(message)


def test_line_numbers_count_the_front_matter():
    with pytest.raises(blocks.BlockError, match=r"^docs/x.md:7: unknown block type"):
        expand("\n/// nope\n///", offset=5)


def test_every_block_type_renders():
    for name, spec in kinds.block_types().items():
        arg = next(iter(CAT.items[spec.arg])) if spec.arg else None
        header = f"/// {name} | {arg}" if arg else f"/// {name}"
        out, _ = expand(f"{header}\n///")
        assert out.strip() and "///" not in out.split("\n")[0], name


def test_a_block_inside_a_tab_or_details_container_is_expanded_and_the_container_left_alone():
    source = "/// details | More\n    type: note\n\n/// phrase | FL-001\n///\n\n///\n\n/// tab | One\n\nText\n\n///\n"
    text, placed = blocks.expand(source, CAT, "docs/x.md")
    assert list(placed.ids) == ["FL-001"]
    assert text.startswith("/// details | More\n    type: note\n")
    assert 'id="FL-001"' not in text and "{#FL-001}" in text
    assert text.rstrip().endswith("/// tab | One\n\nText\n\n///")


def test_the_conventions_tables_list_every_kind_and_every_block_from_their_declarations():
    scheme, _ = expand("/// id-scheme\n///")
    for kind in kinds.kinds():
        assert f"`{kind.example}`" in scheme and kind.label in scheme, kind.name
    table, _ = expand("/// block-types\n///")
    for name in kinds.block_types():
        assert f"<code>/// {name}" in table, name
    assert "&#124; ID</code>" in table and "\\|" not in table, "a pipe in code shows as a pipe"
