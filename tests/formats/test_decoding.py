"""Byte encodings and line ends: every one comes out as the same clean text."""

from __future__ import annotations

import codecs

import pytest

from desktop.formats import parse
from desktop.formats.decoding import decode

CONVERSATION = "Zoë: “Café” at noon—agreed?\nRené: Agreed, naïvely.\n"
EXPECTED = [("Zoë", "“Café” at noon—agreed?"), ("René", "Agreed, naïvely.")]


@pytest.mark.parametrize(
    "data",
    [
        CONVERSATION.encode("utf-8"),
        codecs.BOM_UTF8 + CONVERSATION.encode("utf-8"),
        CONVERSATION.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + CONVERSATION.encode("utf-16-be"),
        CONVERSATION.encode("utf-16-le"),  # no BOM: recognised by its zero bytes
        CONVERSATION.encode("utf-32"),
        CONVERSATION.encode("cp1252"),
        CONVERSATION.replace("\n", "\r\n").encode("utf-8"),
        codecs.BOM_UTF8 + CONVERSATION.replace("\n", "\r").encode("utf-8"),
        CONVERSATION.replace("\n", "\r\n").encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-nobom", "utf32", "cp1252", "crlf", "cr-bom",
         "utf16-crlf"],
)  # fmt: skip
def test_encodings_and_line_ends_give_the_same_turns(data):
    transcript = parse(data, "talk.txt")
    assert [(t.speaker, t.text) for t in transcript.turns] == EXPECTED


def test_latin1_bytes_undefined_in_cp1252_still_decode():
    assert decode(b"caf\xe9 \x81ok") == "café \x81ok"


def test_no_bom_or_carriage_return_reaches_names_or_text():
    data = codecs.BOM_UTF8 + b"\xef\xbb\xbfAda: one\r\n\r\nBen: two\rAda: three\r\n"
    transcript = parse(data, "t.txt")
    assert transcript.speakers == ["Ada", "Ben"]
    for turn in transcript.turns:
        assert "\r" not in turn.text + turn.speaker and "\ufeff" not in turn.text + turn.speaker


def test_a_byte_undefined_in_cp1252_leaves_the_rest_cp1252():
    assert decode(b"\x93Hi\x94 \x81 there") == "“Hi” \x81 there"


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_each_undefined_cp1252_byte_reads_as_latin1_among_curly_quotes(byte):
    data = b"Ann: \x93Caf\xe9\x94 " + bytes([byte]) + b" \x96 fine\x85\n"
    assert parse(data, "t.txt").turns[0].text == f"“Café” {chr(byte)} – fine…"
