"""Edges of the export promises: file names made from titles, and front matter that loads
back as the text it holds whatever characters it meets."""

from __future__ import annotations

import pytest
import yaml

from desktop.export.filenames import safe_filename
from desktop.export.markdown import yaml_string


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("-. Field notes .-", "Field notes.md"),  # dots, dashes and spaces at the edges go
        ("Max", "Max.md"),  # a title ending in X keeps it
        ("a \u2003  b", "a b.md"),  # runs of space become one
        ("v1..2...3", "v1.2.3.md"),  # no `..`
        ("a" * 99 + "-b", "a" * 99 + ".md"),  # cut at 100, then trimmed again
        ("a" * 99 + " b", "a" * 99 + ".md"),
        ("con.txt", "export-con.txt.md"),  # a reserved name before any extension
        ("LPT9", "export-LPT9.md"),
        ("...", "export.md"),
    ],
)
def test_a_title_becomes_a_safe_file_name(title, name):
    assert safe_filename(title, ".md") == name


@pytest.mark.parametrize("surrogate", ["\ud800", "\udbff", "\udc00", "\udfff"])
def test_a_lone_surrogate_in_front_matter_becomes_one_replacement_character(surrogate):
    assert yaml_string(f"a{surrogate}b") == '"a\ufffdb"'
    assert yaml.safe_load(yaml_string(f"a{surrogate}b")) == "a\ufffdb"


@pytest.mark.parametrize("text", ["\x7f\x85\xa0", "\u0100\u2028\ue000\ufeff", "\U0001f600\U000e0001", "tab\there"])
def test_front_matter_loads_back_as_the_text(text):
    assert yaml.safe_load(yaml_string(text)) == text


def test_characters_yaml_will_not_take_literally_are_escaped_by_their_size():
    assert yaml_string("\x7f") == '"\\x7F"'
    assert yaml_string("\x9f") == '"\\x9F"'
    assert yaml_string("\ufeff") == '"\\uFEFF"'
    assert yaml_string("\ufffe") == '"\\uFFFE"'
