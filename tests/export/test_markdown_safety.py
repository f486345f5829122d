"""Markdown that stays what it says: no Obsidian comment opened by a quote, and front matter
that is valid YAML whatever the names hold."""

from __future__ import annotations

import json
import re
from html import unescape

import markdown2
import yaml
from hypothesis import given
from hypothesis import strategies as st

from desktop.export import collect, export
from desktop.export.markdown import escape, yaml_string
from desktop.library import Library, Position


def without_surrogates(text: str) -> str:
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


@given(st.text(st.characters(exclude_categories=())))
def test_yaml_string_loads_back_as_the_text(text):
    assert yaml.safe_load(f"key: {yaml_string(text)}\n") == {"key": without_surrogates(text)}


def test_yaml_string_escapes_what_yaml_will_not_take_literally():
    for ch in "\x00\x07\x1b\x7f\x80\x85\x9f\u2028\u2029\ufeff\ufffe\uffff":
        assert ch not in yaml_string(ch)
        assert yaml.safe_load("k: " + yaml_string(f"a{ch}b")) == {"k": f"a{ch}b"}
    assert yaml_string('say "hi" \\ there\n') == '"say \\"hi\\" \\\\ there\\n"'
    assert yaml_string("Tomás 😀") == '"Tomás 😀"'  # printable text stays readable


def test_front_matter_is_valid_yaml_whatever_the_names_hold(tmp_path):
    odd = 'Ann "A" \\ \x85 \u2028 \ufeff \x9f #x: [y] %% ---'
    path = tmp_path / "odd: [a] #b.json"
    segment = {"speaker": odd, "startTime": 0, "endTime": 1, "body": "Some %% words %% here."}
    path.write_text(json.dumps({"version": "1.0.0", "segments": [segment]}))
    with Library(tmp_path / "l.sqlite") as library:
        tid = library.import_file(path).id
        library.transcripts.rename(tid, odd)
        library.highlights.add(tid, Position(0, 0), Position(0, 10), tags=["a\x7fb"])
        text = export(collect(library, transcript_id=tid), "md").decode()
        info = library.transcripts.get(tid)
    header, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    assert "%%" not in body and "> Some %&#37; words\n" in body  # neither title nor quote opens a comment
    loaded = yaml.safe_load(header)
    assert loaded["title"] == info.title and loaded["source"] == ["odd: [a] #b.json"]
    assert loaded["speakers"] == info.speakers and loaded["tags"] == ["a-b"] and loaded["highlights"] == 1


def test_a_quote_never_opens_an_obsidian_comment():
    for quote in ("50%% of it", "%%hidden%%", "%%%", "a %%%% b", "100%"):
        escaped = escape(quote)
        assert "%%" not in escaped
        html = markdown2.markdown(escaped, safe_mode="escape")
        assert unescape(re.sub(r"<[^>]+>", "", html).strip()) == quote
    assert escape("100%") == "100%"  # a lone % stays as it is
